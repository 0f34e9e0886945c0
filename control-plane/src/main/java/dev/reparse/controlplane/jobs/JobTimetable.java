package dev.reparse.controlplane.jobs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule's runs fall, in an app's time zone: pure, so the scheduler and the console agree and tests can check
 * DST days. A repeating schedule runs on each of its days at {@code timeOfDay}, then every {@code repeatMinutes} of
 * wall-clock time until midnight; a wall-clock time the clocks skip runs when they land (02:30 becomes 03:30), one
 * they pass twice runs the first time.
 */
public record JobTimetable(JobSchedule schedule, ZoneId zone) {
    /** A week and a day: every enabled weekday shows up in it. */
    private static final int DAYS_SEARCHED = 8;
    private static final int MINUTES_PER_DAY = 24 * 60;

    /**
     * The run due at {@code now}: the latest planned instant in {@code (lastPlanned, now]}. Runs missed in between (the
     * scheduler was down) collapse into that one. A schedule never run before counts from its {@code createdAt} (a
     * one-time schedule from its {@code startAfter}, even if that was before it was created).
     */
    public Optional<Instant> due(Instant lastPlanned, Instant now) {
        if (!schedule.repeats()) {
            Instant once = schedule.earliest();
            boolean alreadyRun = lastPlanned != null && !lastPlanned.isBefore(once);
            return once.isAfter(now) || alreadyRun ? Optional.empty() : Optional.of(once);
        }
        Instant after = lastPlanned != null ? lastPlanned : schedule.createdAt();
        LocalDate day = LocalDate.ofInstant(now, zone);
        for (int i = 0; i < DAYS_SEARCHED; i++, day = day.minusDays(1)) {
            List<Instant> runs = runsOn(day);
            for (int k = runs.size() - 1; k >= 0; k--) {
                Instant run = runs.get(k);
                if (run.isAfter(now)) {
                    continue;
                }
                // the latest run not after now: due unless already planned or before the schedule starts
                return run.isAfter(after) && !run.isBefore(schedule.earliest()) ? Optional.of(run) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The first planned instant after {@code after} (the console's "next run"); empty when none comes. */
    public Optional<Instant> next(Instant after) {
        Instant from = after.isBefore(schedule.earliest()) ? schedule.earliest().minusNanos(1) : after;
        if (!schedule.repeats()) {
            return schedule.earliest().isAfter(from) ? Optional.of(schedule.earliest()) : Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (int i = 0; i < DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            for (Instant run : runsOn(day)) {
                if (run.isAfter(from)) {
                    return Optional.of(run);
                }
            }
        }
        return Optional.empty();
    }

    /** A repeating schedule's runs on one local day, in order, without duplicates. */
    List<Instant> runsOn(LocalDate day) {
        List<Instant> runs = new ArrayList<>();
        if (!schedule.daysOfWeek().contains(day.getDayOfWeek())) {
            return runs;
        }
        LocalTime first = schedule.timeOfDay();
        int step = Math.min(schedule.repeatMinutes(), MINUTES_PER_DAY);
        long start = first.toSecondOfDay() / 60;
        for (long minute = start; minute < MINUTES_PER_DAY; minute += step) {
            LocalDateTime wall = LocalDateTime.of(day, first.withHour(0).withMinute(0)).plusMinutes(minute);
            Instant run = wall.atZone(zone).toInstant();
            // a skipped hour maps two wall-clock times onto one instant; keep one run
            if (runs.isEmpty() || run.isAfter(runs.get(runs.size() - 1))) {
                runs.add(run);
            }
        }
        return runs;
    }
}

package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of an app's {@code _JobSchedule}, as Parse Dashboard writes it: {@code jobName}, {@code params} (a JSON
 * string), {@code startAfter} (ISO date; the one run of a schedule without {@code repeatMinutes}), {@code daysOfWeek}
 * (seven flags, Sunday first as JavaScript's {@code getDay()}), {@code timeOfDay} ({@code "HH:MM:SS.sssZ"}: the first
 * run of each day) and {@code repeatMinutes} (runs again every so many minutes until the day ends; 1440 is daily).
 *
 * @param startAfter no run before it; null when the row has none (then its {@code createdAt} stands in)
 * @param timeOfDay wall-clock time of a repeating schedule's first run each day, in the app's time zone
 * @param repeatMinutes 0 for a schedule that runs once
 */
public record JobSchedule(String objectId, String jobName, String params, Instant startAfter, Set<DayOfWeek> daysOfWeek,
        LocalTime timeOfDay, int repeatMinutes, Instant createdAt) {

    private static final DayOfWeek[] SUNDAY_FIRST = {DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
        DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY};

    public JobSchedule {
        if (objectId == null || objectId.isBlank()) {
            throw new IllegalArgumentException("a schedule needs an objectId");
        }
        if (jobName == null || jobName.isBlank()) {
            throw new IllegalArgumentException("schedule " + objectId + " names no job");
        }
        if (repeatMinutes < 0) {
            throw new IllegalArgumentException("schedule " + objectId + " has a negative repeatMinutes");
        }
        if (createdAt == null) {
            throw new IllegalArgumentException("schedule " + objectId + " has no createdAt");
        }
        daysOfWeek = Set.copyOf(daysOfWeek);
        timeOfDay = timeOfDay == null ? LocalTime.MIDNIGHT : timeOfDay;
        params = params == null || params.isBlank() ? "{}" : params;
    }

    /** Whether the schedule runs more than once. */
    public boolean repeats() {
        return repeatMinutes > 0;
    }

    /** The first instant a run may be planned at. */
    public Instant earliest() {
        return startAfter != null ? startAfter : createdAt;
    }

    /** The days as Parse Dashboard writes them: seven 1/0 flags, Sunday first. */
    public List<Integer> dayFlags() {
        return Arrays.stream(SUNDAY_FIRST).map(day -> daysOfWeek.contains(day) ? 1 : 0).toList();
    }

    /** Reads a row as the REST API returns it; a field of the wrong shape is an {@link IllegalArgumentException}. */
    public static JobSchedule of(JsonNode row) {
        String id = row.path("objectId").asText(null);
        return new JobSchedule(id, row.path("jobName").asText(null), params(row.get("params")),
            date(id, "startAfter", row.get("startAfter")).orElse(null), days(id, row.get("daysOfWeek")),
            time(id, row.get("timeOfDay")), minutes(id, row.get("repeatMinutes")),
            date(id, "createdAt", row.get("createdAt")).orElse(null));
    }

    private static String params(JsonNode params) {
        if (params == null || params.isNull()) {
            return "{}";
        }
        return params.isTextual() ? params.asText() : params.toString();
    }

    private static Optional<Instant> date(String id, String field, JsonNode value) {
        if (value == null || value.isNull() || value.asText("").isBlank()) {
            return Optional.empty();
        }
        String iso = value.isObject() ? value.path("iso").asText("") : value.asText();
        try {
            return Optional.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("schedule " + id + " has an unreadable " + field + ": " + iso);
        }
    }

    /** Missing means every day; seven flags (1/0, "1"/"0" or booleans) otherwise. */
    private static Set<DayOfWeek> days(String id, JsonNode flags) {
        if (flags == null || flags.isNull()) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        if (!flags.isArray() || flags.size() != 7) {
            throw new IllegalArgumentException("schedule " + id + ": daysOfWeek must hold seven flags, Sunday first");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < 7; i++) {
            JsonNode flag = flags.get(i);
            boolean on = flag.isBoolean() ? flag.asBoolean() : !"0".equals(flag.asText("0").trim())
                && !flag.asText().isBlank() && !"false".equals(flag.asText());
            if (on) {
                days.add(SUNDAY_FIRST[i]);
            }
        }
        return days;
    }

    private static LocalTime time(String id, JsonNode value) {
        if (value == null || value.isNull() || value.asText("").isBlank()) {
            return null;
        }
        String text = value.asText().trim();
        // Parse Dashboard appends "Z" to a wall-clock time; it is read in the app's zone (UTC unless set).
        String wall = text.endsWith("Z") || text.endsWith("z") ? text.substring(0, text.length() - 1) : text;
        try {
            return LocalTime.parse(wall);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("schedule " + id + " has an unreadable timeOfDay: " + text);
        }
    }

    private static int minutes(String id, JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isNumber() && !value.asText("").matches("\\d+")) {
            throw new IllegalArgumentException("schedule " + id + " has an unreadable repeatMinutes: " + value);
        }
        long minutes = value.asLong();
        if (minutes < 0 || minutes != value.asDouble()) {
            throw new IllegalArgumentException("schedule " + id + ": repeatMinutes must be a whole number of minutes");
        }
        return (int) Math.min(minutes, Integer.MAX_VALUE);
    }
}

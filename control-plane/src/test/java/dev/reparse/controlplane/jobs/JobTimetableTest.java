package dev.reparse.controlplane.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobTimetableTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00.500Z");

    private static JobSchedule repeating(String timeOfDay, int minutes, EnumSet<DayOfWeek> days) {
        return new JobSchedule("s1", "cleanup", "{}", null, days, LocalTime.parse(timeOfDay), minutes, CREATED);
    }

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void readsTheRowParseDashboardWrites() throws Exception {
        JobSchedule schedule = JobSchedule.of(new ObjectMapper().readTree("""
            {"objectId":"abc","jobName":"cleanup","description":"nightly","params":"{\\"limit\\":3}",
             "daysOfWeek":["1","0",1,0,true,false,1],"timeOfDay":"10:30:00.000Z","repeatMinutes":1440,
             "startAfter":"2026-02-01T00:00:00.000Z","createdAt":"2026-01-05T12:00:00.000Z"}"""));
        assertEquals("{\"limit\":3}", schedule.params());
        assertEquals(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.TUESDAY, DayOfWeek.THURSDAY, DayOfWeek.SATURDAY),
            schedule.daysOfWeek());
        assertEquals(LocalTime.of(10, 30), schedule.timeOfDay());
        assertEquals(1440, schedule.repeatMinutes());
        assertEquals(at("2026-02-01T00:00:00Z"), schedule.startAfter());
    }

    @Test
    void refusesRowsOfTheWrongShape() {
        ObjectMapper json = new ObjectMapper();
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.of(json.readTree(
            "{\"objectId\":\"a\",\"jobName\":\"j\",\"daysOfWeek\":[1,1],\"createdAt\":\"2026-01-01T00:00:00Z\"}")));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.of(json.readTree(
            "{\"objectId\":\"a\",\"jobName\":\"j\",\"timeOfDay\":\"noon\",\"createdAt\":\"2026-01-01T00:00:00Z\"}")));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.of(json.readTree(
            "{\"objectId\":\"a\",\"jobName\":\"j\",\"repeatMinutes\":1.5,\"createdAt\":\"2026-01-01T00:00:00Z\"}")));
        assertThrows(IllegalArgumentException.class, () -> JobSchedule.of(json.readTree(
            "{\"objectId\":\"a\",\"createdAt\":\"2026-01-01T00:00:00Z\"}")));
    }

    @Test
    void everyMinuteIsDueOncePerMinute() {
        JobTimetable every = new JobTimetable(repeating("00:00", 1, EnumSet.allOf(DayOfWeek.class)), UTC);
        Instant minute = at("2026-03-02T12:01:00Z");
        assertEquals(Optional.of(minute), every.due(at("2026-03-02T12:00:00Z"), at("2026-03-02T12:01:14Z")));
        assertEquals(Optional.empty(), every.due(minute, at("2026-03-02T12:01:59Z")));
        assertEquals(Optional.of(at("2026-03-02T12:02:00Z")), every.due(minute, at("2026-03-02T12:02:00Z")));
    }

    @Test
    void missedRunsCollapseIntoTheLatestOne() {
        JobTimetable hourly = new JobTimetable(repeating("00:15", 60, EnumSet.allOf(DayOfWeek.class)), UTC);
        // down from 03:20 to 09:40: one run, the 09:15 one, not six
        assertEquals(Optional.of(at("2026-03-02T09:15:00Z")),
            hourly.due(at("2026-03-02T03:15:00Z"), at("2026-03-02T09:40:00Z")));
        // down for three days: still one
        assertEquals(Optional.of(at("2026-03-05T09:15:00Z")),
            hourly.due(at("2026-03-02T03:15:00Z"), at("2026-03-05T09:40:00Z")));
    }

    @Test
    void repeatsFromTimeOfDayUntilMidnightOnly() {
        JobTimetable evening = new JobTimetable(repeating("22:00", 90, EnumSet.allOf(DayOfWeek.class)), UTC);
        List<Instant> runs = evening.runsOn(LocalDate.parse("2026-03-02"));
        assertEquals(List.of(at("2026-03-02T22:00:00Z"), at("2026-03-02T23:30:00Z")), runs);
        // at 08:00 the latest run is yesterday's 23:30; before today's 22:00 nothing new is due
        assertEquals(Optional.of(at("2026-03-02T23:30:00Z")), evening.due(at("2026-03-02T22:00:00Z"),
            at("2026-03-03T08:00:00Z")));
        assertEquals(Optional.empty(), evening.due(at("2026-03-02T23:30:00Z"), at("2026-03-03T21:59:59Z")));
        assertEquals(Optional.of(at("2026-03-03T22:00:00Z")), evening.next(at("2026-03-02T23:30:00Z")));
    }

    @Test
    void dailyRunsOnlyOnItsDaysOfWeek() {
        // 2026-03-02 is a Monday
        JobTimetable weekdays = new JobTimetable(repeating("06:00", 1440,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)), UTC);
        assertEquals(Optional.of(at("2026-03-09T06:00:00Z")), weekdays.next(at("2026-03-06T06:00:00Z")));
        assertEquals(Optional.empty(), weekdays.due(at("2026-03-06T06:00:00Z"), at("2026-03-08T12:00:00Z")));
        assertEquals(Optional.of(at("2026-03-09T06:00:00Z")),
            weekdays.due(at("2026-03-06T06:00:00Z"), at("2026-03-09T06:00:01Z")));
    }

    @Test
    void nothingRunsBeforeStartAfter() {
        JobSchedule later = new JobSchedule("s1", "cleanup", "{}", at("2026-03-10T12:00:00Z"),
            EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, 60, CREATED);
        JobTimetable timetable = new JobTimetable(later, UTC);
        assertEquals(Optional.empty(), timetable.due(null, at("2026-03-10T11:59:00Z")));
        assertEquals(Optional.of(at("2026-03-10T12:00:00Z")), timetable.due(null, at("2026-03-10T12:30:00Z")));
        assertEquals(Optional.of(at("2026-03-10T12:00:00Z")), timetable.next(at("2026-03-01T00:00:00Z")));
    }

    @Test
    void aNewScheduleDoesNotRunTheTimesBeforeItWasCreated() {
        JobSchedule created = new JobSchedule("s1", "cleanup", "{}", null, EnumSet.allOf(DayOfWeek.class),
            LocalTime.of(10, 0), 1440, at("2026-03-02T14:00:00Z"));
        JobTimetable timetable = new JobTimetable(created, UTC);
        assertEquals(Optional.empty(), timetable.due(null, at("2026-03-02T14:05:00Z")));
        assertEquals(Optional.of(at("2026-03-03T10:00:00Z")), timetable.due(null, at("2026-03-03T10:00:00Z")));
    }

    @Test
    void aOneTimeScheduleRunsOnceAtStartAfterEvenIfThatWasBeforeItWasSeen() {
        JobSchedule once = new JobSchedule("s1", "cleanup", "{}", at("2026-03-02T09:00:00Z"), EnumSet.noneOf(DayOfWeek.class),
            null, 0, at("2026-03-02T09:00:00.003Z"));
        JobTimetable timetable = new JobTimetable(once, UTC);
        assertEquals(Optional.empty(), timetable.due(null, at("2026-03-02T08:59:59Z")));
        assertEquals(Optional.of(at("2026-03-02T09:00:00Z")), timetable.due(null, at("2026-03-02T09:00:01Z")));
        assertEquals(Optional.empty(), timetable.due(at("2026-03-02T09:00:00Z"), at("2026-03-09T09:00:00Z")));
        assertEquals(Optional.empty(), timetable.next(at("2026-03-02T09:00:00Z")));
    }

    @Test
    void timeOfDayIsWallClockInTheAppsZone() {
        JobTimetable berlin = new JobTimetable(repeating("10:00", 1440, EnumSet.allOf(DayOfWeek.class)), BERLIN);
        // winter: UTC+1, summer: UTC+2
        assertEquals(Optional.of(at("2026-03-02T09:00:00Z")), berlin.next(at("2026-03-01T12:00:00Z")));
        assertEquals(Optional.of(at("2026-07-02T08:00:00Z")), berlin.next(at("2026-07-01T12:00:00Z")));
    }

    @Test
    void aSkippedWallClockTimeRunsWhenTheClocksLand() {
        // 2026-03-29 Berlin: 02:00 CET becomes 03:00 CEST
        JobTimetable early = new JobTimetable(repeating("02:30", 1440, EnumSet.allOf(DayOfWeek.class)), BERLIN);
        assertEquals(Optional.of(at("2026-03-29T01:30:00Z")), early.next(at("2026-03-28T12:00:00Z")));
        JobTimetable halfHourly = new JobTimetable(repeating("01:30", 30, EnumSet.allOf(DayOfWeek.class)), BERLIN);
        List<Instant> runs = halfHourly.runsOn(LocalDate.parse("2026-03-29")).subList(0, 4);
        // 01:30 CET, then 02:00/02:30 land at 03:00/03:30 CEST, then 04:00 CEST: no duplicate, none lost
        assertEquals(List.of(at("2026-03-29T00:30:00Z"), at("2026-03-29T01:00:00Z"), at("2026-03-29T01:30:00Z"),
            at("2026-03-29T02:00:00Z")), runs);
    }

    @Test
    void aWallClockTimePassedTwiceRunsTheFirstTime() {
        // 2026-10-25 Berlin: 03:00 CEST becomes 02:00 CET, so 02:30 happens twice
        JobTimetable early = new JobTimetable(repeating("02:30", 1440, EnumSet.allOf(DayOfWeek.class)), BERLIN);
        assertEquals(Optional.of(at("2026-10-25T00:30:00Z")), early.next(at("2026-10-24T12:00:00Z")));
        assertEquals(Optional.empty(), early.due(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:45:00Z")));
    }
}

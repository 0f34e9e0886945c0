package dev.reparse.controlplane.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reparse.controlplane.errors.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A schedule request becomes the row Parse Dashboard writes; what cannot be such a row is refused, saying why. */
class ScheduleRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void fieldsAreWrittenInTheDashboardsFormat() {
        ScheduleRequest request = ScheduleRequest.of(json("""
            {"jobName":"cleanup","params":{"a":[1,2]},"startAfter":{"__type":"Date","iso":"2026-03-02T09:00:00.000Z"},
             "daysOfWeek":[true,false,1,0,1,1,1],"timeOfDay":"07:05","repeatMinutes":30.0}"""),
            true);
        assertEquals(json("""
            {"jobName":"cleanup","params":"{\\"a\\":[1,2]}","startAfter":"2026-03-02T09:00:00Z",
             "daysOfWeek":[1,0,1,0,1,1,1],"timeOfDay":"07:05:00.000Z","repeatMinutes":30}"""), request.fields());
    }

    @Test
    void theDashboardsOwnTimeOfDayAndParamsTextAreTakenAsTheyAre() {
        ScheduleRequest request = ScheduleRequest.of(json("""
            {"jobName":"cleanup","params":"{\\"n\\": 1}","timeOfDay":"23:59:30.000Z"}"""), true);
        assertEquals("23:59:30.000Z", request.fields().get("timeOfDay").asText());
        assertEquals("{\"n\":1}", request.fields().get("params").asText());
    }

    @Test
    void anEditSetsOnlyWhatItGives() {
        ScheduleRequest request = ScheduleRequest.of(json("{\"description\":\"nightly\"}"), false);
        assertEquals(List.of("description"), names(request.fields()));
        assertTrue(request.jobName().isEmpty());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aJobTheCodeDoesNotDefineIsRefusedNamingTheOnesItDoes() {
        ScheduleRequest request = ScheduleRequest.of(json("{\"jobName\":\"nosuch\"}"), true);
        ApiException refused = assertThrows(ApiException.class, () -> request.requireDefined(List.of("b", "a")));
        assertEquals(142, refused.code());
        assertTrue(refused.getMessage().contains("defines a, b."), refused.getMessage());
        ApiException none = assertThrows(ApiException.class, () -> request.requireDefined(List.of()));
        assertTrue(none.getMessage().contains("defines no job"), none.getMessage());
    }

    @Test
    void timesOutsideTheDayAndIntervalsOutsideOneAreRefused() {
        for (String time : List.of("24:00", "12:60", "12:00:60", "noon", "1200", "")) {
            ApiException refused = assertThrows(ApiException.class,
                () -> ScheduleRequest.of(json("{\"timeOfDay\":\"" + time + "\"}"), false), time);
            assertEquals(142, refused.code(), time);
        }
        assertEquals(142, assertThrows(ApiException.class,
            () -> ScheduleRequest.of(json("{\"repeatMinutes\":99999999999}"), false)).code());
        assertEquals(0, ScheduleRequest.of(json("{\"repeatMinutes\":0}"), false).fields().get("repeatMinutes").asInt());
        assertEquals(1440, ScheduleRequest.of(json("{\"repeatMinutes\":1440}"), false).fields().get("repeatMinutes").asInt());
    }

    @Test
    void runNowTakesOnlyParamsAsAnObject() {
        assertEquals("{}", ScheduleRequest.runParams(null));
        assertEquals("{\"n\":1}", ScheduleRequest.runParams(json("{\"params\":{\"n\":1}}")));
        assertEquals("{\"n\":1}", ScheduleRequest.runParams(json("{\"params\":\"{\\\"n\\\":1}\"}")));
        assertEquals(105, assertThrows(ApiException.class, () -> ScheduleRequest.runParams(json("{\"n\":1}"))).code());
        assertEquals(142, assertThrows(ApiException.class,
            () -> ScheduleRequest.runParams(json("{\"params\":[1]}"))).code());
    }
}

package dev.reparse.controlplane.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reparse.controlplane.errors.ApiException;
import dev.reparse.controlplane.errors.TextInput;
import dev.reparse.protocol.ParseErrorCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule create or edit as the control plane's API takes it, checked strictly and turned into the
 * {@code _JobSchedule} fields Parse Dashboard writes (so the Dashboard and the scheduler read it back unchanged):
 * {@code params} a JSON string, {@code timeOfDay} {@code "HH:MM:SS.000Z"}, {@code daysOfWeek} seven 1/0 flags.
 * Pure: the job name is checked against the app's jobs by {@link #requireDefined}.
 *
 * @param fields only the fields the request sets, in the row's format
 */
record ScheduleRequest(ObjectNode fields) {
    /** The longest run interval: a day (the timetable repeats within a day). */
    static final int MAX_REPEAT_MINUTES = 1440;
    static final List<String> FIELDS = List.of("jobName", "description", "params", "startAfter", "daysOfWeek",
        "timeOfDay", "repeatMinutes");
    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_JOB_NAME = 255;
    private static final int MAX_PARAMS = 10_000;
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(?:\\.\\d{1,3})?)?Z?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a body; {@code creating} makes {@code jobName} required. Every refusal is a 400 Parse error. */
    static ScheduleRequest of(JsonNode body, boolean creating) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid(ParseErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        ObjectNode fields = JSON.createObjectNode();
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw ApiException.invalid(ParseErrorCode.INVALID_KEY_NAME, "Unknown field " + field
                    + ": a schedule's fields are " + String.join(", ", FIELDS) + ".");
            }
        }
        jobName(body.get("jobName"), creating, fields);
        text("description", body.get("description"), MAX_DESCRIPTION).ifPresent(d -> fields.put("description", d));
        params(body.get("params"), fields);
        startAfter(body.get("startAfter"), fields);
        daysOfWeek(body.get("daysOfWeek"), fields);
        timeOfDay(body.get("timeOfDay"), fields);
        repeatMinutes(body.get("repeatMinutes"), fields);
        return new ScheduleRequest(fields);
    }

    /** The job the request names, when it names one. */
    Optional<String> jobName() {
        return Optional.ofNullable(fields.path("jobName").textValue());
    }

    /** Refuses (400 code 142) a job the app's active Cloud Code does not define. */
    void requireDefined(Collection<String> definedJobs) {
        jobName().filter(name -> !definedJobs.contains(name)).ifPresent(name -> {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "Unknown job " + name + ": the app's Cloud Code "
                + (definedJobs.isEmpty() ? "defines no job" : "defines " + String.join(", ", definedJobs.stream().sorted()
                    .toList())) + ". Define it with Parse.Cloud.job(name, handler) and deploy the code first.");
        });
    }

    /** A run-now body's params ({@code {"params": {...}}}, or none): the JSON object the job is called with. */
    static String runParams(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return "{}";
        }
        if (!body.isObject()) {
            throw ApiException.invalid(ParseErrorCode.INVALID_JSON, "The request body must be a JSON object.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!field.equals("params")) {
                throw ApiException.invalid(ParseErrorCode.INVALID_KEY_NAME, "Unknown field " + field
                    + ": running a job takes only params.");
            }
        }
        ObjectNode fields = JSON.createObjectNode();
        params(body.get("params"), fields);
        return fields.path("params").asText("{}");
    }

    private static void jobName(JsonNode value, boolean creating, ObjectNode fields) {
        if (value == null || value.isNull()) {
            if (creating) {
                throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "jobName is required.");
            }
            return;
        }
        String name = text("jobName", value, MAX_JOB_NAME).orElse("");
        if (name.isBlank()) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "jobName must not be empty.");
        }
        fields.put("jobName", name);
    }

    private static Optional<String> text(String field, JsonNode value, int maxLength) {
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(ParseErrorCode.INCORRECT_TYPE, field + " must be a string.");
        }
        return Optional.of(TextInput.require(field, value.textValue(), maxLength, ParseErrorCode.VALIDATION_ERROR));
    }

    /** A JSON object, given as one or as its text (the Dashboard's format); stored as text. */
    private static void params(JsonNode value, ObjectNode fields) {
        if (value == null || value.isNull()) {
            return;
        }
        JsonNode params = value;
        if (value.isTextual()) {
            String text = value.textValue();
            if (text.length() > MAX_PARAMS) {
                throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "params must be at most " + MAX_PARAMS
                    + " characters of JSON.");
            }
            try {
                params = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "params must be a JSON object; this is not "
                    + "JSON: " + e.getOriginalMessage());
            }
        }
        if (params == null || !params.isObject()) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "params must be a JSON object such as "
                + "{\"limit\": 10}.");
        }
        String text = params.toString();
        if (text.length() > MAX_PARAMS) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "params must be at most " + MAX_PARAMS
                + " characters of JSON.");
        }
        fields.put("params", text);
    }

    /** An ISO 8601 instant ({@code 2026-03-02T12:00:00Z}) or a Parse Date. */
    private static void startAfter(JsonNode value, ObjectNode fields) {
        if (value == null || value.isNull()) {
            return;
        }
        JsonNode iso = value.isObject() && "Date".equals(value.path("__type").asText()) ? value.get("iso") : value;
        if (iso == null || !iso.isTextual()) {
            throw ApiException.invalid(ParseErrorCode.INCORRECT_TYPE, "startAfter must be an ISO 8601 date such as "
                + "2026-03-02T12:00:00.000Z.");
        }
        try {
            fields.put("startAfter", Instant.parse(iso.textValue().trim()).toString());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "startAfter must be an ISO 8601 date such as "
                + "2026-03-02T12:00:00.000Z, not " + iso.textValue() + ".");
        }
    }

    /** Seven flags, Sunday first: 1/0 or booleans; at least one day. */
    private static void daysOfWeek(JsonNode value, ObjectNode fields) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isArray() || value.size() != 7) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "daysOfWeek must be seven flags (1 or 0), "
                + "Sunday first, such as [0,1,1,1,1,1,0].");
        }
        ArrayNode days = fields.putArray("daysOfWeek");
        boolean any = false;
        for (JsonNode flag : value) {
            if (flag.isBoolean() || flag.isIntegralNumber() && (flag.asInt() == 0 || flag.asInt() == 1)) {
                int on = flag.isBoolean() ? (flag.booleanValue() ? 1 : 0) : flag.asInt();
                days.add(on);
                any |= on == 1;
            } else {
                throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "daysOfWeek must be seven flags (1 or 0), "
                    + "Sunday first; found " + flag + ".");
            }
        }
        if (!any) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "daysOfWeek must enable at least one day.");
        }
    }

    /** {@code HH:MM} or {@code HH:MM:SS} (24-hour; the Dashboard's {@code .sssZ} tail is accepted). */
    private static void timeOfDay(JsonNode value, ObjectNode fields) {
        if (value == null || value.isNull()) {
            return;
        }
        Matcher time = value.isTextual() ? TIME.matcher(value.textValue().trim()) : null;
        if (time == null || !time.matches()) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "timeOfDay must be a 24-hour time HH:MM:SS such "
                + "as 08:30:00, not " + value + ".");
        }
        String seconds = time.group(3) == null ? "00" : time.group(3);
        fields.put("timeOfDay", time.group(1) + ":" + time.group(2) + ":" + seconds + ".000Z");
    }

    /** 0 (or none): the schedule runs once, at startAfter; 1 to 1440 minutes otherwise. */
    private static void repeatMinutes(JsonNode value, ObjectNode fields) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            throw ApiException.invalid(ParseErrorCode.INCORRECT_TYPE, "repeatMinutes must be a whole number of minutes.");
        }
        if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > MAX_REPEAT_MINUTES) {
            throw ApiException.invalid(ParseErrorCode.VALIDATION_ERROR, "repeatMinutes must be 1 to "
                + MAX_REPEAT_MINUTES + " (a day), or 0 for a schedule that runs once; not " + value + ".");
        }
        fields.put("repeatMinutes", value.asInt());
    }
}

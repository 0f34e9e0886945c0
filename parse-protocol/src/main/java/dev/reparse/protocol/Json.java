package dev.reparse.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of Parse's wire format: objects become {@code LinkedHashMap}, arrays {@code
 * ArrayList}, numbers {@code Integer}, {@code Long} or {@code Double}.
 */
public final class Json {
    /**
     * Deeper JSON than this is refused before any code walks it; deep enough that query-depth
     * rules, not the parser, answer for nested queries.
     */
    public static final int MAX_NESTING_DEPTH = 256;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Parses a JSON object; anything else is Parse error 107. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(byte[] bytes) {
        Object value = parse(bytes);
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw ParseException.invalidJson("invalid JSON");
    }

    /** Parses any JSON value; malformed input is Parse error 107. */
    public static Object parse(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw ParseException.invalidJson("invalid JSON");
        }
    }

    /** Parses any JSON value from a string; malformed input is Parse error 107. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw ParseException.invalidJson("invalid JSON");
        }
    }

    /** Encodes maps, lists, strings, numbers, booleans and null; anything else goes through Jackson's databind. */
    public static byte[] write(Object value) {
        com.fasterxml.jackson.core.util.ByteArrayBuilder out = new com.fasterxml.jackson.core.util.ByteArrayBuilder();
        try (com.fasterxml.jackson.core.JsonGenerator generator = MAPPER.getFactory().createGenerator(out)) {
            writeValue(generator, value);
        } catch (IOException e) {
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "could not encode response");
        }
        return out.toByteArray();
    }

    // Every answer is written here; walking the plain JSON types by hand skips databind's per-value serializer lookups.
    private static void writeValue(com.fasterxml.jackson.core.JsonGenerator generator, Object value) throws IOException {
        switch (value) {
            case null -> generator.writeNull();
            case String text -> generator.writeString(text);
            case Map<?, ?> map -> {
                generator.writeStartObject();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    generator.writeFieldName(String.valueOf(entry.getKey()));
                    writeValue(generator, entry.getValue());
                }
                generator.writeEndObject();
            }
            case List<?> list -> {
                generator.writeStartArray();
                for (Object item : list) {
                    writeValue(generator, item);
                }
                generator.writeEndArray();
            }
            case Integer number -> generator.writeNumber(number);
            case Long number -> generator.writeNumber(number);
            case Double number -> generator.writeNumber(number);
            case Boolean bool -> generator.writeBoolean(bool);
            default -> MAPPER.writeValue(generator, value);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ParseException(ParseErrorCode.INTERNAL_SERVER_ERROR, "could not encode response");
        }
    }

    /** Casts a JSON value to an object map, or fails with the given Parse error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object value, int code, String message) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new ParseException(code, message);
    }

    /** Casts a JSON value to a list, or fails with the given Parse error. */
    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object value, int code, String message) {
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new ParseException(code, message);
    }
}

package dev.reparse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void writesEveryJsonTypeAndKeepsKeyOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "a\"b");
        value.put("i", 1);
        value.put("l", 12345678901L);
        value.put("d", 1.5);
        value.put("b", true);
        value.put("n", null);
        value.put("list", Arrays.asList(1, "x", null));
        value.put("big", new BigDecimal("1.25"));
        assertEquals("{\"s\":\"a\\\"b\",\"i\":1,\"l\":12345678901,\"d\":1.5,\"b\":true,\"n\":null,"
                + "\"list\":[1,\"x\",null],\"big\":1.25}", new String(Json.write(value), StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsThroughParse() {
        Map<String, Object> value = Map.of("nested", Map.of("list", List.of(Map.of("k", 2))));
        assertEquals(value, Json.parse(new String(Json.write(value), StandardCharsets.UTF_8)));
    }

    @Test
    void malformedInputIsInvalidJson() {
        ParseException error = assertThrows(ParseException.class, () -> Json.parseObject("{\"a\": ".getBytes()));
        assertEquals(ParseErrorCode.INVALID_JSON, error.code());
    }

    @Test
    void nonObjectBodyIsInvalidJson() {
        assertThrows(ParseException.class, () -> Json.parseObject("[1]".getBytes()));
    }
}

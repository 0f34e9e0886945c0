package dev.reparse.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParseDatesTest {
    @Test
    void formatsWithThreeFractionDigitsAndZ() {
        assertEquals("2024-01-02T03:04:05.006Z", ParseDates.format(Instant.parse("2024-01-02T03:04:05.006789Z")));
        assertEquals("1970-01-01T00:00:00.000Z", ParseDates.format(Instant.EPOCH));
    }

    @Test
    void formatAndParseAgreeWithTheJdkOnManyInstants() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-2_000_000_000_000L, 250_000_000_000_000L));
            String formatted = ParseDates.format(instant);
            assertEquals(instant.toString().length() == 24 ? instant.toString() : formatted, formatted);
            assertEquals(instant, ParseDates.parse(formatted));
        }
    }

    @Test
    void parsesOtherIsoShapesThroughTheJdk() {
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), ParseDates.parse("2024-01-02T03:04:05Z"));
        assertEquals(Instant.parse("2024-01-02T01:04:05Z"), ParseDates.parse("2024-01-02T03:04:05+02:00"));
    }

    @Test
    void refusesMalformedDatesWith111() {
        for (String bad : List.of("not a date", "2024-13-02T03:04:05.000Z", "2024-02-30T03:04:05.000Z", "")) {
            ParseException error = assertThrows(ParseException.class, () -> ParseDates.parse(bad), bad);
            assertEquals(ParseErrorCode.INCORRECT_TYPE, error.code());
        }
    }
}

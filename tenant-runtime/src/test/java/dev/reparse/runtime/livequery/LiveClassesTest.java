package dev.reparse.runtime.livequery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The live classes of a standalone runtime: {@code --live-query-classes} and parse-server's PARSE_SERVER_LIVE_QUERY. */
class LiveClassesTest {
    @Test
    void joinsTheOptionAndParseServersEnvironmentVariable() {
        assertEquals(Set.of("A", "B", "C"), LiveClasses.of(Optional.of(List.of("A", " B ")),
                Optional.of("{\"classNames\":[\"B\",\"C\"],\"redisURL\":\"redis://x\"}")));
        assertEquals(Set.of(), LiveClasses.of(Optional.empty(), Optional.empty()));
        assertEquals(Set.of(), LiveClasses.of(Optional.empty(), Optional.of("{}")));
    }

    @Test
    void readsParseServersRedisUrl() {
        assertEquals(Optional.of("redis://r:6379"), LiveClasses.redisUrl(Optional.of("{\"redisURL\":\"redis://r:6379\"}")));
        assertEquals(Optional.empty(), LiveClasses.redisUrl(Optional.of("{\"classNames\":[]}")));
        assertEquals(Optional.empty(), LiveClasses.redisUrl(Optional.empty()));
    }

    @Test
    void refusesAnEnvironmentVariableThatIsNotParseServersShape() {
        assertThrows(IllegalArgumentException.class, () -> LiveClasses.of(Optional.empty(), Optional.of("A,B")));
        assertThrows(IllegalArgumentException.class, () -> LiveClasses.of(Optional.empty(), Optional.of("[\"A\"]")));
        assertThrows(IllegalArgumentException.class,
                () -> LiveClasses.of(Optional.empty(), Optional.of("{\"classNames\":\"A\"}")));
    }
}

package dev.reparse.runtime.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FindRequestTest {
    @Test
    void readsQueryStringParameters() {
        FindRequest request = FindRequest.fromParams(Map.of("where", "{\"score\":{\"$gt\":3}}", "limit", "5",
                "skip", "2", "order", "-score,name", "keys", "a,b.c", "include", "owner,owner.team", "count", "1"));
        assertEquals(Map.of("score", Map.of("$gt", 3)), request.where());
        assertEquals(5, request.limit());
        assertEquals(2, request.skip());
        assertEquals(List.of("-score", "name"), request.order());
        assertEquals(Set.of("a", "b.c"), request.keys());
        assertEquals(Set.of("owner", "owner.team"), request.include());
        assertTrue(request.count());
    }

    @Test
    void readsTypedBodyParameters() {
        FindRequest request = FindRequest.fromParams(Map.of("where", Map.of("a", 1), "limit", 0, "count", true));
        assertEquals(0, request.limit());
        assertTrue(request.count());
    }

    @Test
    void appliesDefaultAndMaximumLimit() {
        assertEquals(100, FindRequest.fromParams(Map.of()).effectiveLimit(10_000));
        assertEquals(50, FindRequest.fromParams(Map.of("limit", "5000")).effectiveLimit(50));
    }

    @Test
    void rejectsNonNumericLimitAsBadQuery() {
        ParseException error = assertThrows(ParseException.class,
                () -> FindRequest.fromParams(Map.of("limit", "ten")));
        assertEquals(ParseErrorCode.INVALID_QUERY, error.code());
    }

    @Test
    void rejectsNegativeSkip() {
        assertThrows(ParseException.class, () -> FindRequest.fromParams(Map.of("skip", "-1")));
    }

    @Test
    void rejectsMalformedWhereAsInvalidJson() {
        ParseException error = assertThrows(ParseException.class,
                () -> FindRequest.fromParams(Map.of("where", "{not json")));
        assertEquals(ParseErrorCode.INVALID_JSON, error.code());
    }

    @Test
    void rejectsUnknownParameters() {
        ParseException error = assertThrows(ParseException.class,
                () -> FindRequest.fromParams(Map.of("$where", "1")));
        assertEquals(ParseErrorCode.INVALID_QUERY, error.code());
    }
}

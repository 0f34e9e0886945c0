package dev.reparse.runtime.idempotency;

import dev.reparse.protocol.ParseDates;
import dev.reparse.protocol.ParseErrorCode;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.schema.ClassSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The request IDs an app has seen lately, in Parse Server's {@code _Idempotency} collection ({@code reqId}
 * unique, {@code expire} a date MongoDB's TTL monitor deletes on): a request whose ID is there already is
 * a duplicate, answered with 159 "Duplicate request" and not run again.
 */
public final class RequestLog {
    static final String CLASS = "_Idempotency";

    private final AppContext app;
    private final List<Pattern> paths;
    private final Duration ttl;

    /** @param paths regular expressions over the request path (no leading slash), each anchored at its start */
    public RequestLog(AppContext app, List<String> paths, Duration ttl) {
        this.app = Objects.requireNonNull(app, "app");
        this.paths = paths.stream().map(path -> Pattern.compile(path.startsWith("^") ? path : "^" + path)).toList();
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("reparse.idempotency.ttl must be positive");
        }
        this.ttl = ttl;
    }

    /** The unique index on {@code reqId} and the expiry index on {@code expire}, where the store has them. */
    public void prepare() {
        ClassSchema schema = app.schemas().ensureClass(CLASS);
        app.storage().ensureUniqueness(CLASS, schema, List.of("reqId"));
        app.storage().ensureExpiry(CLASS, schema, "expire");
    }

    /** Whether requests of this method and path (below the mount) are de-duplicated. */
    public boolean covers(String method, String path) {
        if (!method.equals("POST") && !method.equals("PUT")) {
            return false;
        }
        String trimmed = path.replaceAll("^/|/$", "");
        return paths.stream().anyMatch(pattern -> pattern.matcher(trimmed).find());
    }

    /** Records the request ID; 159 when it was seen within the TTL. */
    public void claim(String requestId) {
        ClassSchema schema = app.schemas().ensureClass(CLASS);
        Instant now = app.clock().instant();
        // an expired entry the store's TTL monitor has not removed yet (or a store without TTL indexes)
        Map<String, Object> stale = new LinkedHashMap<>();
        stale.put("reqId", requestId);
        stale.put("expire", Map.of("$lte", date(now)));
        app.storage().deleteObjectsByQuery(CLASS, schema, stale);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("objectId", app.ids().next());
        entry.put("reqId", requestId);
        entry.put("expire", date(now.plus(ttl)));
        entry.put("createdAt", ParseDates.format(now));
        entry.put("updatedAt", ParseDates.format(now));
        try {
            app.storage().createObject(CLASS, schema, entry);
        } catch (ParseException e) {
            if (e.code() == ParseErrorCode.DUPLICATE_VALUE) {
                throw new ParseException(ParseErrorCode.DUPLICATE_REQUEST, "Duplicate request");
            }
            throw e;
        }
    }

    private static Map<String, Object> date(Instant instant) {
        return Map.of("__type", "Date", "iso", ParseDates.format(instant));
    }
}

package dev.reparse.runtime.idempotency;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.core.AppContext;
import dev.reparse.runtime.core.AppSettings;
import dev.reparse.runtime.core.ObjectIds;
import dev.reparse.runtime.schema.SchemaController;
import dev.reparse.runtime.storage.mongo.MongoStorageAdapter;
import dev.reparse.runtime.storage.mongo.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request IDs in Parse Server's _Idempotency layout, on the embedded mongo-wire server. */
class RequestLogIT {
    private Instant now = Instant.parse("2025-03-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private MongoDatabase database;
    private RequestLog log;

    @BeforeEach
    void start() {
        database = TestMongo.freshDatabase("idem");
        MongoStorageAdapter storage = new MongoStorageAdapter(database);
        AppContext app = new AppContext(new AppSettings("app", AppSettings.Keys.masterOnly("m"),
                AppSettings.Limits.defaults(), false), storage, new SchemaController(storage), clock,
                new ObjectIds(new Random(3)));
        log = new RequestLog(app, List.of("classes/.*", "^users$", "functions/"), Duration.ofSeconds(30));
        log.prepare();
    }

    @Test
    void anIdIsRefusedWith159WithinItsTtlAndFreeAfter() {
        log.claim("abc-123");
        ParseException duplicate = assertThrows(ParseException.class, () -> log.claim("abc-123"));
        assertEquals(159, duplicate.code());
        assertEquals("Duplicate request", duplicate.getMessage());
        assertDoesNotThrow(() -> log.claim("abc-124"));
        now = now.plusSeconds(31);
        assertDoesNotThrow(() -> log.claim("abc-123"));
    }

    @Test
    void entriesAreStoredInParseServersLayout() {
        log.claim("layout-1");
        Document stored = database.getCollection("_Idempotency").find(new Document("reqId", "layout-1")).first();
        assertEquals(Instant.parse("2025-03-01T10:00:30Z"), stored.getDate("expire").toInstant());
        assertTrue(stored.getString("_id").length() >= 10);
    }

    @Test
    void coversPostAndPutOnPathsMatchedFromTheirStart() {
        assertTrue(log.covers("POST", "/classes/Game"));
        assertTrue(log.covers("PUT", "/classes/Game/abc/"));
        assertTrue(log.covers("POST", "/users"));
        assertFalse(log.covers("PUT", "/users/abc"));
        assertTrue(log.covers("POST", "/functions/hello"));
        assertFalse(log.covers("GET", "/classes/Game"));
        assertFalse(log.covers("DELETE", "/classes/Game/abc"));
        assertFalse(log.covers("POST", "/batch"));
        assertFalse(log.covers("POST", "/x/classes/Game"));
    }
}

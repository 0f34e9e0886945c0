package dev.reparse.runtime.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoDatabase;
import dev.reparse.protocol.ParseException;
import dev.reparse.runtime.schema.ClassSchema;
import dev.reparse.runtime.storage.QueryOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation on objects has a time limit. The driver enforces it on its side (it stops waiting
 * and closes the connection) and sends the remainder as {@code maxTimeMS}, which MongoDB enforces on
 * the server. mongo-java-server ignores {@code maxTimeMS}, so here only the client side is seen; on
 * MongoDB the server stops the work as well (assumed server feature: {@code maxTimeMS}).
 */
class OperationTimeIT {
    private MongoDatabase database;
    private MongoStorageAdapter adapter;
    private ClassSchema schema;

    @BeforeEach
    void freshDatabase() {
        database = TestMongo.freshDatabase("time");
        adapter = new MongoStorageAdapter(database, Clock.systemUTC(), Duration.ofMillis(250));
        schema = MongoStorageAdapterIntegrationTest.gameScoreSchema();
        adapter.createClass(schema);
    }

    @Test
    void objectOperationsCarryTheTimeLimit() {
        assertEquals(250L, adapter.collection("GameScore").getTimeout(TimeUnit.MILLISECONDS));
        MongoStorageAdapter unbounded = new MongoStorageAdapter(database);
        assertNull(unbounded.collection("GameScore").getTimeout(TimeUnit.MILLISECONDS));
    }

    @Test
    void aQueryRunningPastTheLimitIsStoppedWith124() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("objectId", "slow000001");
        object.put("name", "a".repeat(16) + "b".repeat(2000));
        adapter.createObject("GameScore", schema, object);
        // about a second and a half of backtracking for Java's regex engine, which mongo-java-server uses
        Map<String, Object> where = Map.of("name", Map.of("$regex", "(.*a){17}"));
        long start = System.nanoTime();
        ParseException error = assertThrows(ParseException.class,
                () -> adapter.find("GameScore", schema, where, QueryOptions.limit(10)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(124, error.code());
        assertTrue(error.getMessage().contains("reparse.query.max-time"), error.getMessage());
        assertTrue(tookMillis < 1200, "stopped after " + tookMillis + " ms");
    }
}

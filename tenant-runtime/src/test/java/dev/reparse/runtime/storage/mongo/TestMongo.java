package dev.reparse.runtime.storage.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.UUID;

/**
 * One in-memory mongo-java-server for the whole test JVM; each test takes a database of its own,
 * so tests stay independent and the server starts once.
 */
public final class TestMongo {
    private static final EmbeddedMongo SERVER = EmbeddedMongo.startInMemory(0);
    private static final MongoClient CLIENT = MongoClients.create(SERVER.connectionString());

    private TestMongo() {
    }

    /** A database nobody else uses. */
    public static MongoDatabase freshDatabase(String prefix) {
        return CLIENT.getDatabase(prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
    }
}

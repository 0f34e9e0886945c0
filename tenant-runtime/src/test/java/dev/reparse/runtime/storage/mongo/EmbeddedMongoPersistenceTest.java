package dev.reparse.runtime.storage.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoPersistenceTest {
    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeAStopIsThereAfterTheNextStart() {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("parse").getCollection("GameScore").insertOne(new Document("_id", "abc").append("score", 7));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir, 0);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            Document stored = client.getDatabase("parse").getCollection("GameScore").find().first();
            assertEquals(7, stored.getInteger("score"));
        }
    }
}

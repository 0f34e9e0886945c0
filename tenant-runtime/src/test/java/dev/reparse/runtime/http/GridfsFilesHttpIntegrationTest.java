package dev.reparse.runtime.http;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.reparse.runtime.files.FilesAdapter;
import dev.reparse.runtime.files.gridfs.GridfsFilesAdapter;
import dev.reparse.runtime.storage.mongo.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The files routes over GridFS on mongo-java-server (in memory); a fresh database per test. */
class GridfsFilesHttpIntegrationTest extends FilesHttpContract {
    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static int databases;
    private MongoDatabase database;

    @BeforeAll
    static void startMongo() {
        mongo = EmbeddedMongo.startInMemory(0);
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stopMongo() {
        client.close();
        mongo.close();
    }

    @Override
    FilesAdapter adapter() {
        database = client.getDatabase("files" + (++databases));
        return new GridfsFilesAdapter(database);
    }

    @Override
    long storedFiles() {
        return database.getCollection("fs.files").countDocuments();
    }
}

package dev.reparse.provisioning.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.reparse.provisioning.model.DesiredApp;
import dev.reparse.provisioning.spi.DatabaseProvisioner;
import dev.reparse.provisioning.spi.DatabaseResources;
import java.util.List;
import java.util.Objects;
import org.bson.Document;

/**
 * Each app's database on one shared MongoDB server, with a user of its own that may read, write
 * and index only that database. Servers without user management (mongo-java-server) get the
 * database alone, and the runtime connects with the shared credentials.
 */
public final class MongoDatabaseProvisioner implements DatabaseProvisioner {
    private static final int COMMAND_NOT_FOUND = 59;
    private static final int USER_NOT_FOUND = 11;
    private static final int USER_EXISTS = 51003;

    private final MongoClient client;
    private final ConnectionString shared;
    private final AppPasswords passwords;

    /**
     * @param sharedUri the server's connection string, with credentials allowed to create databases and users
     * @param passwordSecret the secret each app's database password is derived from (stable, so reconciling is idempotent)
     */
    public MongoDatabaseProvisioner(String sharedUri, String passwordSecret) {
        this.shared = new ConnectionString(Objects.requireNonNull(sharedUri, "sharedUri"));
        this.passwords = new AppPasswords(passwordSecret);
        this.client = MongoClients.create(shared);
    }

    @Override
    public DatabaseResources ensure(DesiredApp app) {
        MongoDatabase database = client.getDatabase(app.databaseName());
        database.runCommand(new Document("ping", 1));
        String password = passwords.forApp(app.applicationId());
        try {
            createOrUpdateUser(database, app.databaseUser(), password, app.databaseName());
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != COMMAND_NOT_FOUND) {
                throw e;
            }
            return new DatabaseResources(app.databaseName(), MongoUris.withDatabase(shared, app.databaseName()),
                    "UsersUnsupported", "database " + app.databaseName() + " on the shared server; the server has no "
                    + "user management (createUser unknown), so the runtime uses the shared credentials");
        }
        return new DatabaseResources(app.databaseName(),
                MongoUris.withUser(shared, app.databaseName(), app.databaseUser(), password), "UserCreated",
                "database " + app.databaseName() + " with its own user " + app.databaseUser() + " (readWrite, dbAdmin)");
    }

    private static void createOrUpdateUser(MongoDatabase database, String user, String password, String databaseName) {
        List<Document> roles = List.of(new Document("role", "readWrite").append("db", databaseName),
                new Document("role", "dbAdmin").append("db", databaseName));
        try {
            database.runCommand(new Document("createUser", user).append("pwd", password).append("roles", roles));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != USER_EXISTS) {
                throw e;
            }
            database.runCommand(new Document("updateUser", user).append("pwd", password).append("roles", roles));
        }
    }

    @Override
    public void drop(DesiredApp app) {
        MongoDatabase database = client.getDatabase(app.databaseName());
        try {
            database.runCommand(new Document("dropUser", app.databaseUser()));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != USER_NOT_FOUND && e.getErrorCode() != COMMAND_NOT_FOUND) {
                throw e;
            }
        }
        database.drop();
    }

    @Override
    public void close() {
        client.close();
    }
}

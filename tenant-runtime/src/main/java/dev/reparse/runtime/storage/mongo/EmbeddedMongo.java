package dev.reparse.runtime.storage.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An embedded MongoDB-wire server (mongo-java-server) persisted in one H2 MVStore file, bound to
 * loopback. Used when no MongoDB URI is configured, and by tests.
 */
public final class EmbeddedMongo implements AutoCloseable {
    private final MongoBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, MongoServer server, InetSocketAddress address) {
        this.backend = backend;
        this.server = server;
        this.address = address;
    }

    /** Starts a server persisted under {@code dataDir/mongo.mv.db} on the given port (0 picks one). */
    public static EmbeddedMongo start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + dataDir, e);
        }
        H2Backend backend = new H2Backend(dataDir.resolve("mongo.mv.db").toString());
        return bind(backend, port);
    }

    /**
     * Starts a server that keeps nothing on disk (mongo-java-server's memory backend, its fastest),
     * on the given loopback port (0 picks one).
     */
    public static EmbeddedMongo startInMemory(int port) {
        return bind(new MemoryBackend(), port);
    }

    private static EmbeddedMongo bind(MongoBackend backend, int port) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new EmbeddedMongo(backend, server, server.getLocalAddress());
    }

    /** A connection string without a database name. */
    public String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}

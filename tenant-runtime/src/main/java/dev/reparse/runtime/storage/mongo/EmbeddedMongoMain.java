package dev.reparse.runtime.storage.mongo;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code ./reparse mongo}: a standalone MongoDB-wire server, e.g. for benchmarks against parse-server. */
public final class EmbeddedMongoMain {
    private EmbeddedMongoMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 27017;
        Path dataDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--data-dir" -> dataDir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        EmbeddedMongo mongo = dataDir == null ? EmbeddedMongo.startInMemory(port) : EmbeddedMongo.start(dataDir, port);
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close));
        System.out.println("mongo-wire server listening: " + mongo.connectionString());
        new CountDownLatch(1).await();
    }
}

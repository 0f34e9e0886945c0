package dev.reparse.router;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;

/**
 * Runs the router from the test class path in its own JVM, so a test can bound its heap: args = routes file. A line
 * {@code heap} on its standard input prints {@code HEAP used=<bytes after a GC> peak=<bytes>} (the heap pools' peaks
 * since the previous {@code heap}) and starts a new peak.
 */
final class StandaloneRouter {
    private StandaloneRouter() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        TestConfig config = TestConfig.withRoutesFile(args[0]);
        RouterServer server = new RouterServer(vertx, config, System::nanoTime);
        server.start();
        int port = server.listen(config.host(), config.port()).toCompletionStage().toCompletableFuture().get();
        System.out.println("PORT " + port);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.equals("heap")) {
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                        pool.resetPeakUsage();
                    }
                }
                System.gc();
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.println("HEAP used=" + used + " peak=" + peak);
                System.out.flush();
            }
        }
    }
}

package dev.reparse.router;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Runs the router from the test class path in its own JVM, so a test can bound its heap: args = routes file. */
final class StandaloneRouter {
    private StandaloneRouter() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        RouterServer server = new RouterServer(vertx, TestConfig.withRoutesFile(args[0]), System::nanoTime);
        Router router = Router.router(vertx);
        server.install(router);
        server.start();
        int port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get().actualPort();
        System.out.println("PORT " + port);
        System.out.flush();
    }
}

package dev.reparse.runtime.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that hangs up stops its request's work: the work's thread is interrupted. */
class AbandonedRequestsTest {
    private Vertx vertx;
    private HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> AbandonedRequests.run(executor,
                request.response(), () -> {
                    started.countDown();
                    try {
                        Thread.sleep(30_000); // stands for a long database operation
                        request.response().end("done");
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        executor.shutdownNow();
    }

    @Test
    void aClientThatHangsUpInterruptsItsRequestsWork() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /parse/classes/X HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(started.await(5, TimeUnit.SECONDS), "the work never started");
        }
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the work went on after its client left");
    }
}

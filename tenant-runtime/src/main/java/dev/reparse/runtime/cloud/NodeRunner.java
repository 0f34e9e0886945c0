package dev.reparse.runtime.cloud;

import dev.reparse.protocol.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One Node.js process running an app's code, and the channel to it: newline-delimited JSON over its stdin and
 * stdout. Calls are multiplexed by id; the runner's own SDK requests come back on the same channel and are
 * answered by the {@link Host}. Writes go through one writer thread, so a runner stuck in a loop (not reading)
 * never blocks a caller past its timeout.
 */
final class NodeRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NodeRunner.class);
    private static final String POISON = "";

    /** What the runner calls back into: the app's API, its script log, job progress. */
    interface Host {
        /** Answers one SDK request of the app's code: {@code {status, body, headers}}. */
        Map<String, Object> api(Map<String, Object> request);

        void log(String level, String message);

        void jobMessage(String jobId, String message);
    }

    private final Process process;
    private final Host host;
    private final ExecutorService executor;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Map<String, Object>> ready = new CompletableFuture<>();
    private volatile boolean closing;

    private NodeRunner(Process process, Host host, ExecutorService executor) {
        this.process = process;
        this.host = host;
        this.executor = executor;
    }

    /** Starts the process; {@link #awaitReady} tells when the app's code has loaded. */
    static NodeRunner start(ProcessBuilder builder, Host host, ExecutorService executor, String name) throws IOException {
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        NodeRunner runner = new NodeRunner(builder.start(), host, executor);
        Thread.ofPlatform().daemon().name(name + "-out").start(runner::readOutput);
        Thread.ofPlatform().daemon().name(name + "-err").start(runner::readErrors);
        Thread.ofPlatform().daemon().name(name + "-in").start(runner::writeInput);
        return runner;
    }

    /** What the code registered ({@code functions}, {@code jobs}, {@code triggers}); fails with the load error. */
    Map<String, Object> awaitReady(Duration timeout) throws CloudException {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new CloudException("the Cloud Code did not load within " + timeout.toSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new CloudException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException("interrupted while the Cloud Code loaded");
        }
    }

    boolean alive() {
        return process.isAlive() && !closing;
    }

    long pid() {
        return process.pid();
    }

    /** Sends a call; the future completes with the runner's {@code result} message, or fails if the runner stops. */
    Call call(Map<String, Object> message) {
        long id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> future = new CompletableFuture<>();
        pending.put(id, future);
        if (!process.isAlive()) {
            pending.remove(id);
            future.completeExceptionally(new CloudException("the Cloud Code runner is not running"));
            return new Call(id, future);
        }
        Map<String, Object> framed = new LinkedHashMap<>(message);
        framed.put("t", "call");
        framed.put("id", id);
        send(framed);
        return new Call(id, future);
    }

    /** A call in flight. */
    record Call(long id, CompletableFuture<Map<String, Object>> result) {
    }

    /** Forgets a call its caller stopped waiting for. */
    void abandon(long id) {
        pending.remove(id);
    }

    /** Whether the runner answers a ping within the time: false when it is stuck (e.g. in an endless loop) or gone. */
    boolean responsive(Duration within) {
        if (!process.isAlive()) {
            return false;
        }
        long id = -ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> pong = new CompletableFuture<>();
        pending.put(id, pong);
        send(Map.of("t", "ping", "id", id));
        try {
            pong.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        } finally {
            pending.remove(id);
        }
    }

    private void send(Map<String, Object> message) {
        outbox.add(Json.writeString(message));
    }

    private void writeInput() {
        try (OutputStream in = process.getOutputStream()) {
            while (true) {
                String line = outbox.take();
                if (line == POISON) {
                    return;
                }
                in.write(line.getBytes(StandardCharsets.UTF_8));
                in.write('\n');
                if (outbox.isEmpty()) {
                    in.flush();
                }
            }
        } catch (IOException e) {
            // the runner is gone; the output reader fails what is pending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = out.readLine()) != null) {
                dispatch(line);
            }
        } catch (IOException e) {
            // the process ended
        } finally {
            stopped();
        }
    }

    private void readErrors() {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                host.log("error", line);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatch(String line) {
        Map<String, Object> message;
        try {
            message = (Map<String, Object>) Json.parse(line);
        } catch (RuntimeException e) {
            host.log("info", line);
            return;
        }
        String type = String.valueOf(message.get("t"));
        switch (type) {
            case "result", "pong" -> {
                CompletableFuture<Map<String, Object>> future = pending.remove(idOf(message));
                if (future != null) {
                    future.complete(message);
                }
            }
            case "api" -> executor.execute(() -> answer(message));
            case "log" -> host.log(String.valueOf(message.get("level")), String.valueOf(message.get("message")));
            case "jobMessage" -> host.jobMessage(String.valueOf(message.get("jobId")), String.valueOf(message.get("message")));
            case "ready" -> ready.complete(message);
            case "loadError" -> ready.completeExceptionally(new CloudException(String.valueOf(message.get("message"))));
            default -> host.log("info", line);
        }
    }

    private void answer(Map<String, Object> request) {
        Map<String, Object> reply = new LinkedHashMap<>();
        try {
            reply.putAll(host.api(request));
        } catch (RuntimeException e) {
            LOG.warn("a Cloud Code request failed", e);
            reply.put("status", 500);
            reply.put("body", Map.of("code", 1, "error", "Internal server error."));
        }
        reply.put("t", "reply");
        reply.put("id", request.get("id"));
        send(reply);
    }

    private static long idOf(Map<String, Object> message) {
        return message.get("id") instanceof Number number ? number.longValue() : 0;
    }

    private void stopped() {
        closing = true;
        ready.completeExceptionally(new CloudException("the Cloud Code runner exited"));
        CloudException gone = new CloudException("the Cloud Code runner stopped");
        pending.values().forEach(future -> future.completeExceptionally(gone));
        pending.clear();
        outbox.add(POISON);
    }

    /** Completes when the process has exited. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Whether calls are still running on this runner. */
    boolean busy() {
        return pending.keySet().stream().anyMatch(id -> id > 0);
    }

    /** Stops the runner: its stdin closes (it exits by itself), then it is killed if it lingers. */
    @Override
    public void close() {
        closing = true;
        outbox.add(POISON);
        try {
            if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the runner at once (it is stuck). */
    void kill() {
        closing = true;
        process.destroyForcibly();
    }
}

package dev.reparse.runtime.requestlog;

import dev.reparse.protocol.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The request log on disk: JSON lines appended by one writer thread, which keeps the file open and writes each batch
 * of queued lines at once, so request threads (and the event loop) only queue. Bounded twice: past {@code maxBytes}
 * the file is rotated to {@code <file>.1} (one old file is kept), and when the disk falls behind, lines beyond the
 * queue's capacity are dropped and counted rather than held.
 */
public final class RequestLogFile implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RequestLogFile.class);
    private static final int QUEUE = 10_000;
    private static final byte[] NEWLINE = {'\n'};
    private final Path file;
    private final long maxBytes;
    private final BlockingQueue<RequestLine> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;
    /** The open file and its size; touched by the writer thread only. */
    private OutputStream out;
    private long size;

    private RequestLogFile(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.writer = Thread.ofPlatform().daemon().name("request-log").unstarted(this::drain);
    }

    /** Starts writing to {@code file} (created with its folder when missing). */
    public static RequestLogFile open(Path file, long maxBytes) {
        RequestLogFile log = new RequestLogFile(file.toAbsolutePath().normalize(), Math.max(4096, maxBytes));
        log.writer.start();
        return log;
    }

    /** Queues a line; never blocks. */
    public void append(RequestLine line) {
        pending.incrementAndGet();
        if (closed || !queue.offer(line)) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
        }
    }

    /** The file lines go to. */
    public Path file() {
        return file;
    }

    /** Waits (up to {@code timeoutMillis}) until every queued line is on disk; for tests and shutdown. */
    public void flush(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                wait(10);
            }
        }
    }

    private void drain() {
        List<RequestLine> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                RequestLine first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 999);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeFile();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warnf("request log %s: %s lines lost: %s", file, batch.size(), e.toString());
                closeFile();
            } finally {
                pending.addAndGet(-batch.size());
                batch.clear();
                synchronized (this) {
                    notifyAll();
                }
            }
        }
        closeFile();
    }

    private void write(List<RequestLine> batch) throws IOException {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warnf("request log %s: %d lines dropped (the disk fell behind)", file, lost);
        }
        if (out == null) {
            Files.createDirectories(file.getParent());
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), 64 * 1024);
            size = Files.size(file);
        }
        for (RequestLine line : batch) {
            byte[] json = Json.write(line.toJson());
            out.write(json);
            out.write(NEWLINE);
            size += json.length + 1;
        }
        out.flush();
        if (size > maxBytes) {
            closeFile();
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Closes the open file (the writer thread's only); the next line opens it again, or the one that replaced it. */
    private void closeFile() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warnf("request log %s: %s", file, e.toString());
            }
            out = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

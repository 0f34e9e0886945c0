package dev.reparse.router.proxy;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.WriteStream;

/**
 * The bytes of one request body read while its app is looked for, once they outgrow the memory bound: appended to a
 * temporary file (owner-only, unlinked at once on POSIX systems, so nothing outlives the JVM) and then replayed
 * upstream. Vert.x does the file I/O on worker threads; callbacks come back on the request's event loop.
 */
final class SpillFile {
    private static final int REPLAY_CHUNK = 64 * 1024;

    private final AsyncFile file;
    private final SpillBudget budget;
    private long written;
    private int pendingWrites;
    private Throwable failure;
    private Promise<Void> allWritten;
    private boolean closed;

    private SpillFile(AsyncFile file, SpillBudget budget) {
        this.file = file;
        this.budget = budget;
    }

    /** Creates and opens a new spill file in {@code dir}. */
    static Future<SpillFile> open(Vertx vertx, String dir, SpillBudget budget) {
        return vertx.fileSystem().createTempFile(dir, "reparse-router-body-", ".tmp", (String) null)
                .compose(path -> vertx.fileSystem().open(path, new OpenOptions().setRead(true).setWrite(true)
                        .setCreate(false).setDeleteOnClose(true)))
                .map(file -> new SpillFile(file, budget));
    }

    /** Appends {@code chunk}; false, with nothing written, when the router's spill budget has no room for it. */
    boolean write(Buffer chunk) {
        if (!budget.reserve(chunk.length())) {
            return false;
        }
        written += chunk.length();
        pendingWrites++;
        file.write(chunk).onComplete(done -> {
            if (done.failed() && failure == null) {
                failure = done.cause();
            }
            if (--pendingWrites == 0 && allWritten != null) {
                settle(allWritten);
            }
        });
        return true;
    }

    boolean writeQueueFull() {
        return file.writeQueueFull();
    }

    void drainHandler(Handler<Void> handler) {
        file.drainHandler(handler);
    }

    /** Writes everything spilled so far to {@code target}, without ending it, once the pending writes are done. */
    Future<Void> replayTo(WriteStream<Buffer> target) {
        Promise<Void> promise = Promise.promise();
        if (pendingWrites == 0) {
            settle(promise);
        } else {
            allWritten = promise;
        }
        return promise.future().compose(v -> {
            file.setReadPos(0).setReadLength(written).setReadBufferSize(REPLAY_CHUNK);
            return file.pipe().endOnSuccess(false).endOnFailure(false).to(target);
        });
    }

    private void settle(Promise<Void> promise) {
        if (failure != null) {
            promise.fail(failure);
        } else {
            promise.complete();
        }
    }

    /** Deletes the file and gives its bytes back to the budget; safe to call more than once. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        budget.release(written);
        file.close();
    }
}

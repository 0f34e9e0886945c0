package dev.reparse.router.proxy;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Reads a request body until its {@code _ApplicationId} is known, for bodies of any size: the JS SDK sends the field
 * LAST, after an object's fields or a file's base64 data. Each piece is scanned as it arrives
 * ({@link ApplicationIdScanner}) and kept: in memory up to {@code body-memory-bytes}, then in a spill file, so memory
 * stays flat however large the body. A small body is read whole (it usually arrives with its head), so it goes
 * upstream in one write; a larger one is read only until the field is found (or the scan limit passed).
 */
final class BodyLookup {
    /** The body would have to spill but cannot: the spill budget is used up, or the file cannot be written. */
    static final class SpillRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpillRefused(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /** Where bodies spill and how much they may. */
    record Limits(int memoryBytes, long scanLimit, String spillDir, SpillBudget budget) {
    }

    private final Vertx vertx;
    private final Limits limits;

    BodyLookup(Vertx vertx, Limits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    /** Reads the exchange's request body as far as needed; leaves the request paused. */
    Future<ReadBody> read(Exchange exchange) {
        return new Reading(exchange).start();
    }

    /** One body being read. */
    private final class Reading implements Handler<Buffer> {
        private final Exchange exchange;
        private final HttpServerRequest request;
        private final ApplicationIdScanner scanner = new ApplicationIdScanner();
        private final Promise<ReadBody> promise = Promise.promise();
        private ApplicationIdScanner.Outcome outcome = ApplicationIdScanner.Outcome.MORE;
        private Buffer memory;
        private boolean ownMemory;
        private SpillFile spill;
        private long scanned;
        private boolean settled;

        Reading(Exchange exchange) {
            this.exchange = exchange;
            this.request = exchange.request;
        }

        Future<ReadBody> start() {
            request.handler(this);
            request.endHandler(v -> decide(true));
            request.exceptionHandler(this::fail);
            exchange.continueIfExpected();
            exchange.readingIntoMemory();
            request.resume();
            return promise.future();
        }

        @Override
        public void handle(Buffer chunk) {
            if (settled) {
                return;
            }
            scanned += chunk.length();
            // after the ID, a small body's later pieces are still scanned for the JS SDK's _ClientVersion
            if (outcome == ApplicationIdScanner.Outcome.MORE
                    || outcome == ApplicationIdScanner.Outcome.FOUND && scanner.scanning()) {
                outcome = scanner.feed(chunk);
                if (outcome == ApplicationIdScanner.Outcome.MORE && scanned >= limits.scanLimit()) {
                    outcome = ApplicationIdScanner.Outcome.ABSENT;
                }
            }
            if (spill != null) {
                spillChunk(chunk);
                return;
            }
            keep(chunk);
            if (memory.length() >= limits.memoryBytes()) {
                if (outcome == ApplicationIdScanner.Outcome.MORE) {
                    startSpill();
                } else {
                    decide(false);
                }
            }
        }

        private void keep(Buffer chunk) {
            if (memory == null) {
                memory = chunk;
                return;
            }
            if (!ownMemory) {
                memory = Buffer.buffer(memory.length() + chunk.length()).appendBuffer(memory);
                ownMemory = true;
            }
            memory.appendBuffer(chunk);
        }

        private void startSpill() {
            request.pause();
            exchange.holding(null);
            SpillFile.open(vertx, limits.spillDir(), limits.budget()).onComplete(opened -> {
                if (settled) {
                    if (opened.succeeded()) {
                        opened.result().close();
                    }
                    return;
                }
                if (opened.failed()) {
                    fail(new SpillRefused("cannot create a spill file in " + limits.spillDir(), opened.cause()));
                    return;
                }
                spill = opened.result();
                Buffer held = memory;
                memory = null;
                exchange.spillingInto(spill);
                spillChunk(held);
                if (!settled && !spill.writeQueueFull()) {
                    request.resume();
                }
            });
        }

        private void spillChunk(Buffer chunk) {
            if (!spill.write(chunk)) {
                fail(new SpillRefused("the spill budget is used up", null));
            } else if (outcome != ApplicationIdScanner.Outcome.MORE) {
                decide(false);
            } else if (spill.writeQueueFull()) {
                request.pause();
                spill.drainHandler(v -> {
                    if (!settled) {
                        request.resume();
                    }
                });
            }
        }

        private void decide(boolean complete) {
            if (!settle()) {
                return;
            }
            Optional<String> applicationId = outcome == ApplicationIdScanner.Outcome.FOUND
                    ? Optional.of(scanner.applicationId()) : Optional.empty();
            Buffer held = memory == null ? ReadBody.NONE.memory() : memory;
            promise.complete(new ReadBody(applicationId, held, spill, complete, scanner.method(), scanner.clientVersion()));
        }

        private void fail(Throwable cause) {
            if (!settle()) {
                return;
            }
            if (spill != null) {
                spill.close();
            }
            promise.fail(cause);
        }

        /** Stops reading (the request stays paused until the body's next reader resumes it); false if already done. */
        private boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            if (!request.isEnded()) {
                // (an HTTP/2 request refuses handlers once it has ended)
                request.pause();
                request.handler(null);
                request.endHandler(null);
                request.exceptionHandler(null);
            }
            if (spill != null) {
                spill.drainHandler(null);
            }
            exchange.holding(null);
            return true;
        }
    }
}

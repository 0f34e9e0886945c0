package dev.reparse.router.proxy;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * What was read of a request body while its app was looked for, to be replayed upstream ahead of the rest, which
 * still streams.
 *
 * @param applicationId the body's top-level {@code _ApplicationId}, if it has one within the scan limit
 * @param memory the bytes read, when they stayed in memory; empty when they spilled
 * @param spill the file holding every byte read, when they outgrew memory; null otherwise
 * @param complete whether the whole body was read
 */
record ReadBody(Optional<String> applicationId, Buffer memory, SpillFile spill, boolean complete) {
    /** Nothing read: the whole body is still to be streamed. */
    static final ReadBody NONE = new ReadBody(Optional.empty(), Buffer.buffer(0), null, false);

    /** Frees the spill file of a body that will not be replayed. */
    void discard() {
        if (spill != null) {
            spill.close();
        }
    }
}

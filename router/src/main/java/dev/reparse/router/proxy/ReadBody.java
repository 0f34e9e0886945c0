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
 * @param method the body's top-level {@code _method} (the JS SDK's method override) seen while reading, or null
 * @param clientVersion the body's top-level {@code _ClientVersion} seen while reading, or null
 */
record ReadBody(Optional<String> applicationId, Buffer memory, SpillFile spill, boolean complete, String method,
        String clientVersion) {
    /** Nothing read: the whole body is still to be streamed. */
    static final ReadBody NONE = new ReadBody(Optional.empty(), Buffer.buffer(0), null, false, null, null);

    /** Frees the spill file of a body that will not be replayed. */
    void discard() {
        if (spill != null) {
            spill.close();
        }
    }
}

package dev.reparse.router;

import io.vertx.core.buffer.Buffer;

/** A byte pattern a stream can be checked against without keeping it; it repeats every {@link #CHUNK} bytes. */
final class Patterned {
    static final int CHUNK = 64 * 1024;

    private Patterned() {
    }

    static byte at(long position) {
        return (byte) (position % CHUNK * 31 % 251);
    }

    /** One period of the pattern. */
    static Buffer chunk() {
        byte[] bytes = new byte[CHUNK];
        fill(bytes, CHUNK, 0);
        return Buffer.buffer(bytes);
    }

    /** Fills {@code target} with the pattern from {@code position}. */
    static void fill(byte[] target, int length, long position) {
        for (int i = 0; i < length; i++) {
            target[i] = at(position + i);
        }
    }

    /** Counts bytes and checks each against the pattern. */
    static final class Checker {
        private long bytes;
        private boolean intact = true;

        void accept(Buffer chunk) {
            for (int i = 0; i < chunk.length() && intact; i++) {
                intact = chunk.getByte(i) == at(bytes + i);
            }
            bytes += chunk.length();
        }

        void accept(byte[] chunk, int length) {
            for (int i = 0; i < length && intact; i++) {
                intact = chunk[i] == at(bytes + i);
            }
            bytes += length;
        }

        long bytes() {
            return bytes;
        }

        boolean intact() {
            return intact;
        }
    }
}

package dev.reparse.runtime.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes an upload delivers and fails it as soon as they pass the cap. */
final class CountingInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    CountingInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("an upload is read, not skipped");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(int n) throws SizeLimitExceededException {
        count += n;
        if (count > limit) {
            throw new SizeLimitExceededException(limit);
        }
    }
}

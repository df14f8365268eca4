package dev.portico.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Passes a streamed body through, failing once it grows past the route's limit. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    boolean exceeded() {
        return count > limit;
    }

    private void count(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new IOException("request body larger than " + limit + " bytes");
        }
    }
}

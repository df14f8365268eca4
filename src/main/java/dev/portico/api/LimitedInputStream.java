package dev.portico.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a client's streamed body through, failing once it grows past the route's limit, and
 * remembering whether reading it failed on the client's side (broken chunked framing, a reset), so a
 * failed upload is the client's 400 or 413 and not the backend's 502.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private long count;
    private boolean broken;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = guarded(() -> super.read());
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = guarded(() -> super.read(buffer, offset, length));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    boolean exceeded() {
        return count > limit;
    }

    /** Reading from the client failed (not the limit). */
    boolean broken() {
        return broken;
    }

    private interface Read {
        int run() throws IOException;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    private void count(int n) throws IOException {
        count += n;
        if (count > limit) {
            throw new IOException("request body larger than " + limit + " bytes");
        }
    }
}

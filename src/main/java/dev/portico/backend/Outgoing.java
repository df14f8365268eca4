package dev.portico.backend;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request to a backend: method, path and query (appended to the instance's base URL), headers, and a
 * body that is either replayable (small, read whole) or streamed once.
 *
 * @param buffered     a body read whole, or null
 * @param stream       a body sent as it is read, once, or null
 * @param streamLength the streamed body's declared length, or -1 (chunked)
 */
public record Outgoing(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] buffered,
        InputStream stream, long streamLength) {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    public static Outgoing of(String method, String pathAndQuery, Map<String, List<String>> headers) {
        return new Outgoing(method, pathAndQuery, headers, null, null, -1);
    }

    public Outgoing withBody(byte[] body) {
        return new Outgoing(method, pathAndQuery, headers, body, null, -1);
    }

    public Outgoing withStream(InputStream body, long length) {
        return new Outgoing(method, pathAndQuery, headers, null, body, length);
    }

    /** Safe to send twice (SPEC §8): retried on any transient failure. */
    public boolean idempotent() {
        return IDEMPOTENT.contains(method);
    }

    /** A streamed body can be sent once only, so it can be retried only if it was never sent. */
    boolean replayable() {
        return stream == null;
    }
}

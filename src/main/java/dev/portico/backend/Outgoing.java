package dev.portico.backend;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request to forward: method, path and query (appended to the instance's base URL), headers,
 * and a body that is either replayable (small, read whole) or streamed once.
 */
public record Outgoing(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] buffered,
        InputStream stream) {
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    /** Safe to send twice (SPEC §8): retried on any transient failure. */
    public boolean idempotent() {
        return IDEMPOTENT.contains(method);
    }

    /** A streamed body can be sent once only, so it can be retried only if it was never sent. */
    boolean replayable() {
        return stream == null;
    }

    BodyPublisher body() {
        if (stream != null) {
            return BodyPublishers.ofInputStream(() -> stream);
        }
        return buffered == null || buffered.length == 0 ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(buffered);
    }
}

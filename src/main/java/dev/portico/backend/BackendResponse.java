package dev.portico.backend;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A backend's answer with its body still to be read (streamed): status, headers as sent (hop-by-hop
 * included; the caller applies the header policy), and the body. Closing it before the body is read
 * whole drops the connection instead of returning it to the pool.
 *
 * @param contentLength the declared body length, or -1 when the body is chunked or absent
 * @param body          the body, or null when there is none
 * @param instance      the base URL of the instance that answered
 */
public record BackendResponse(int status, Map<String, List<String>> headers, long contentLength, InputStream body,
        Closeable connection, String instance) implements Closeable {

    /** Reads the whole body as UTF-8 text into a reply, and closes. */
    public BackendReply readWhole() throws IOException {
        try (this) {
            String text = body == null ? "" : new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return new BackendReply(status, HopByHop.endToEnd(headers), text);
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}

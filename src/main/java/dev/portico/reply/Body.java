package dev.portico.reply;

import dev.portico.problem.Problem;
import jakarta.json.JsonValue;
import java.io.Closeable;
import java.io.InputStream;

/** What a {@link Reply} carries: nothing, bytes, JSON, the gateway's own problem, or a stream still to be read. */
public sealed interface Body {

    /** No body (a HEAD, a 204, a redirect). */
    record Empty() implements Body {
    }

    /** Bytes read whole, with their media type (null when the backend named none). */
    record Bytes(byte[] bytes, String contentType) implements Body {
    }

    /** A JSON value the gateway built or parsed; written as {@code application/json}. */
    record Json(JsonValue value) implements Body {
    }

    /** The gateway's own RFC 9457 problem; the instance and request id are filled in when it is written. */
    record Failure(Problem problem) implements Body {
    }

    /**
     * A backend's body, relayed as it arrives. Closing {@code source} before it is read whole drops the
     * connection instead of pooling it.
     *
     * @param length the declared length, or -1 (chunked)
     * @param origin the backend it comes from, for the problem if it breaks off before anything is sent
     */
    record Stream(InputStream in, long length, Closeable source, String origin) implements Body {
    }

    Body EMPTY = new Empty();
}

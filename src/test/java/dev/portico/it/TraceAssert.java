package dev.portico.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a backend's {@code traceparent} must be when the client sent one, with tracing on (as in every
 * in-container test: arquillian.xml): the client's trace and flags, and as parent the gateway's own span
 * for that try, not the client's span (TracingIT checks it is exactly that span).
 */
final class TraceAssert {
    private TraceAssert() {
    }

    static void continues(String sent, String received) {
        assertNotNull(received, "the backend got no traceparent");
        assertTrue(received.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}"), received);
        assertEquals(sent.substring(0, 36), received.substring(0, 36), "the client's trace");
        assertEquals(sent.substring(52), received.substring(52), "the client's flags");
        assertNotEquals(sent.substring(36, 52), received.substring(36, 52), "the gateway's span is the parent");
    }
}

package dev.portico.backend;

import java.io.IOException;
import java.time.Duration;

/**
 * How one try reaches one instance of a backend (HTTP, gRPC, GraphQL over HTTP): the bottom of the
 * resilience stack. A transport never retries; it answers, or fails with an {@link IOException} that
 * {@link Forwarder} classifies (connection failures, timeouts, other transient failures).
 *
 * @param <R> what an answer is
 */
@FunctionalInterface
public interface Transport<R> {
    R send(Instance instance, Duration timeout) throws IOException;

    /** Whether an answer is itself a transient failure worth another try (an HTTP 502, 503 or 504). */
    default boolean transientAnswer(R answer) {
        return false;
    }

    /** Releases an answer that is dropped for another try. */
    default void discard(R answer) {
    }

    /**
     * A transient failure that is not an I/O exception of its own (gRPC UNAVAILABLE or DEADLINE_EXCEEDED),
     * with the status it maps to if no retry helps (503 or 504) and whether it provably sent nothing.
     */
    final class Failure extends IOException {
        private final int status;
        private final boolean nothingSent;

        public Failure(String message, int status, boolean nothingSent, Throwable cause) {
            super(message, cause);
            this.status = status;
            this.nothingSent = nothingSent;
        }

        int status() {
            return status;
        }

        boolean nothingSent() {
            return nothingSent;
        }
    }
}

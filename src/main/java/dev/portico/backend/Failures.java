package dev.portico.backend;

import dev.portico.problem.GatewayException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Maps how a backend call failed to the gateway's status (SPEC §8): 502, 503 or 504. */
public final class Failures {
    private Failures() {
    }

    public static GatewayException toProblem(String backend, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof GatewayException g) {
            return g;
        }
        if (e instanceof BackendUnreachable u && u.status() == 503) {
            return new GatewayException(503, "Service Unavailable", "The " + backend + " service is unavailable.");
        }
        if (e instanceof TimeoutException || e instanceof java.util.concurrent.TimeoutException
                || (e instanceof BackendUnreachable u && u.status() == 504)) {
            return new GatewayException(504, "Gateway Timeout", "The " + backend + " service did not answer in time.");
        }
        if (e instanceof CircuitBreakerOpenException) {
            return new GatewayException(503, "Service Unavailable",
                    "The " + backend + " service is failing; calls are paused (circuit open).");
        }
        if (e instanceof BulkheadException) {
            return new GatewayException(503, "Service Unavailable", "The " + backend + " service is at capacity.");
        }
        return new GatewayException(502, "Bad Gateway", "The " + backend + " service could not be reached.");
    }

    /** Classifies a client-side I/O failure: a timeout or an unreachable backend. */
    public static BackendUnreachable unreachable(String backend, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) {
                return new BackendUnreachable(backend, 504, cause);
            }
        }
        return new BackendUnreachable(backend, 502, cause);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

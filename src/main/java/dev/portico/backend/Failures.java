package dev.portico.backend;

import dev.portico.problem.GatewayException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Maps how a backend call failed to the gateway's status (SPEC §8): the stack's own verdict, 504 past a deadline, else 502. */
public final class Failures {
    private Failures() {
    }

    public static GatewayException toProblem(String backend, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof GatewayException g) {
            return g;
        }
        if (e instanceof TimeoutException) {
            return new GatewayException(504, "Gateway Timeout", "The " + backend + " service did not answer in time.");
        }
        return new GatewayException(502, "Bad Gateway", "The " + backend + " service could not be reached.");
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

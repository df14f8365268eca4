package dev.portico.backend;

import dev.portico.observe.Tracing;
import dev.portico.problem.GatewayException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The one resilience stack in front of every HTTP backend call, composed here top to bottom:
 * retry within the budget and the route deadline → balancer (a fresh instance per try) → bulkhead →
 * circuit breaker → per-try timeout → transport. Backend answers, 5xx included, are returned as they
 * are; only the gateway's own verdicts (502, 503, 504) become problems. Blocking: it runs on the
 * caller's thread, and aggregates run their parts on {@link PartThreads}.
 */
@Dependent
public class Forwarder {
    @Inject
    BackendMetrics metrics;
    @Inject
    Tracing tracing;

    /** What one try came to. */
    enum Outcome { OK, BAD_STATUS, CONNECT_FAILED, TIMED_OUT, UNAVAILABLE, FAILED }

    /**
     * The backend's response, its body still to be read (the caller closes it).
     *
     * @throws GatewayException 502, 503 or 504 when no try gave a usable answer
     */
    public BackendResponse call(Backend backend, Outgoing request, Deadline deadline) {
        return call(backend, new HttpCall(backend.transport(), request), request.idempotent() && request.replayable(),
                deadline);
    }

    /**
     * One call through the stack, whatever the transport.
     *
     * @param replayable whether the call may be sent again after any transient failure (an idempotent request
     *                   whose body can be resent); otherwise only when the connection failed before anything was sent
     * @throws GatewayException 502, 503 or 504 when no try gave a usable answer
     */
    public <R> R call(Backend backend, Transport<R> transport, boolean replayable, Deadline deadline) {
        backend.retryBudget().deposit();
        long deadlineNanos = deadline.atNanos();
        Set<Instance> tried = new HashSet<>(4);
        for (int retriesDone = 0; ; retriesDone++) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                throw timeout(backend);
            }
            Instance instance = pick(backend, tried);
            Try<R> attempt = guarded(backend, instance, transport,
                    Duration.ofNanos(Math.min(remaining, backend.definition().timeout().toNanos())), retriesDone + 1);
            if (attempt.outcome == Outcome.OK) {
                if (attempt.refusal != null) {
                    throw attempt.refusal;
                }
                return attempt.answer;
            }
            // A failed connect sent nothing: its retry delivers the request once, so it spends no budget
            // (a dead instance among live ones costs a refused connect, not a client's request).
            boolean nothingSent = attempt.outcome == Outcome.CONNECT_FAILED;
            boolean again = retriesDone < backend.definition().retries() && (replayable || nothingSent)
                    && System.nanoTime() < deadlineNanos && (nothingSent || backend.retryBudget().withdraw());
            if (!again) {
                if (attempt.answer != null) {
                    return attempt.answer; // a 502/503/504 of the backend's own: relayed as it is
                }
                throw verdict(backend, attempt.outcome);
            }
            if (attempt.answer != null) {
                transport.discard(attempt.answer);
            }
        }
    }

    /**
     * The outcome of one try: an answer (perhaps a transient one, like an HTTP 503), or how it failed. A
     * refusal is the backend's own answer that ends the call as a problem (a gRPC NOT_FOUND): the
     * backend is healthy, so it counts as a success.
     */
    private record Try<R>(Outcome outcome, R answer, GatewayException refusal) {
        Try(Outcome outcome, R answer) {
            this(outcome, answer, null);
        }
    }

    private static Instance pick(Backend backend, Set<Instance> tried) {
        Instance instance = backend.pick(tried, System.currentTimeMillis());
        if (instance == null) {
            throw new GatewayException(503, "Service Unavailable", "The " + backend.id() + " service has no healthy instance.");
        }
        tried.add(instance);
        return instance;
    }

    /** One try behind the bulkhead and the breaker, bounded by {@code timeout}; it feeds both and the outlier detector. */
    private <R> Try<R> guarded(Backend backend, Instance instance, Transport<R> transport, Duration timeout, int attempt) {
        if (!backend.bulkhead().tryAcquire()) {
            throw new GatewayException(503, "Service Unavailable", "The " + backend.id() + " service is at capacity.");
        }
        try {
            if (!backend.breaker().allow(System.currentTimeMillis())) {
                throw new GatewayException(503, "Service Unavailable",
                        "The " + backend.id() + " service is failing; calls are paused (circuit open).");
            }
            instance.started();
            long started = System.nanoTime();
            Try<R> result = Tracing.on() ? traced(backend, instance, transport, timeout, attempt) : send(instance, transport, timeout);
            boolean failed = result.outcome != Outcome.OK;
            metrics.record(backend.id(), result.outcome, System.nanoTime() - started);
            instance.finished(failed, System.currentTimeMillis());
            if (failed) {
                backend.breaker().failure(System.currentTimeMillis());
            } else {
                backend.breaker().success();
            }
            return result;
        } finally {
            backend.bulkhead().release();
        }
    }

    /** {@link #send} in a client span of its own, current while it runs: the try carries its traceparent. */
    private <R> Try<R> traced(Backend backend, Instance instance, Transport<R> transport, Duration timeout, int attempt) {
        Span span = tracing.startTry(backend.id(), backend.definition().protocol().name().toLowerCase(java.util.Locale.ROOT),
                instance.base().toString(), attempt);
        Try<R> result;
        try (Scope current = span.makeCurrent()) {
            result = send(instance, transport, timeout);
        }
        Tracing.endTry(span, result.outcome.name().toLowerCase(java.util.Locale.ROOT), result.outcome != Outcome.OK);
        return result;
    }

    private static <R> Try<R> send(Instance instance, Transport<R> transport, Duration timeout) {
        try {
            R answer = transport.send(instance, timeout);
            return new Try<>(transport.transientAnswer(answer) ? Outcome.BAD_STATUS : Outcome.OK, answer);
        } catch (IOException e) {
            return new Try<>(classify(e), null);
        } catch (GatewayException e) {
            return new Try<>(Outcome.OK, null, e);
        } catch (RuntimeException e) {
            return new Try<>(Outcome.FAILED, null); // e.g. a pool closing as the application stops
        }
    }

    /** Connection failures happen before anything is sent; a read timeout and other failures may not. */
    static Outcome classify(IOException e) {
        if (e instanceof Transport.Failure f) {
            return f.nothingSent() ? Outcome.CONNECT_FAILED
                    : f.status() == 504 ? Outcome.TIMED_OUT : f.status() == 503 ? Outcome.UNAVAILABLE : Outcome.FAILED;
        }
        if (e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof SSLException) {
            return Outcome.CONNECT_FAILED;
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return Outcome.TIMED_OUT;
        }
        return Outcome.FAILED;
    }

    private static GatewayException verdict(Backend backend, Outcome outcome) {
        return switch (outcome) {
            case TIMED_OUT -> timeout(backend);
            case UNAVAILABLE -> new GatewayException(503, "Service Unavailable", "The " + backend.id() + " service is unavailable.");
            case CONNECT_FAILED -> new GatewayException(502, "Bad Gateway",
                    "The " + backend.id() + " service could not be reached.");
            default -> new GatewayException(502, "Bad Gateway",
                    "The " + backend.id() + " service did not give a usable answer.");
        };
    }

    private static GatewayException timeout(Backend backend) {
        return new GatewayException(504, "Gateway Timeout", "The " + backend.id() + " service did not answer in time.");
    }
}

package dev.portico.backend;

import dev.portico.problem.GatewayException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Forwards one request to a backend: picks an instance, guards it with the backend's circuit
 * breaker and bulkhead, bounds each try by the per-try timeout and the route deadline, and
 * retries transient failures on another instance within the retry budget. Backend responses,
 * 5xx included, are returned as they are; only the gateway's own verdicts become problems.
 */
@ApplicationScoped
public class Forwarder {
    @Resource
    ManagedExecutorService executor;

    @Inject
    MetricRegistry metrics;

    /** What one try came to. */
    private enum Outcome { OK, BAD_STATUS, CONNECT_FAILED, TIMED_OUT, FAILED }

    /** The backend's response, with its body still to be streamed; the future completes on a managed thread. */
    public CompletableFuture<HttpResponse<InputStream>> forward(Backend backend, Outgoing request, Duration deadline) {
        backend.retryBudget().deposit();
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        return attempt(backend, request, deadlineNanos, new HashSet<>(), 0)
                // Leave the HTTP client's selector thread: the body is read (blocking) by whoever continues.
                .whenCompleteAsync((r, e) -> { }, executor);
    }

    private CompletableFuture<HttpResponse<InputStream>> attempt(Backend backend, Outgoing request,
            long deadlineNanos, Set<Instance> tried, int retriesDone) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(timeout(backend));
        }
        long now = System.currentTimeMillis();
        Instance instance = backend.pick(tried, now);
        if (instance == null) {
            return CompletableFuture.failedFuture(new GatewayException(503, "Service Unavailable",
                    "The " + backend.id() + " service has no healthy instance."));
        }
        if (!backend.bulkhead().tryAcquire()) {
            return CompletableFuture.failedFuture(new GatewayException(503, "Service Unavailable",
                    "The " + backend.id() + " service is at capacity."));
        }
        if (!backend.breaker().allow(now)) {
            backend.bulkhead().release();
            return CompletableFuture.failedFuture(new GatewayException(503, "Service Unavailable",
                    "The " + backend.id() + " service is failing; calls are paused (circuit open)."));
        }
        tried.add(instance);
        instance.started();
        Duration tryTimeout = Duration.ofNanos(Math.min(remaining, backend.definition().timeout().toNanos()));
        HttpRequest httpRequest = build(instance.base(), request, tryTimeout);
        long started = System.nanoTime();
        return backend.client().sendAsync(httpRequest, HttpResponse.BodyHandlers.ofInputStream())
                .handle((response, error) -> {
                    backend.bulkhead().release();
                    Outcome outcome = outcome(response, error);
                    boolean failed = outcome != Outcome.OK;
                    record(backend, outcome, System.nanoTime() - started);
                    instance.finished(failed, System.currentTimeMillis());
                    if (failed) {
                        backend.breaker().failure(System.currentTimeMillis());
                    } else {
                        backend.breaker().success();
                    }
                    if (failed && retriesDone < backend.definition().retries() && retryable(outcome, request)
                            && System.nanoTime() < deadlineNanos && backend.retryBudget().withdraw()) {
                        discard(response);
                        return attempt(backend, request, deadlineNanos, tried, retriesDone + 1);
                    }
                    if (response != null) {
                        return CompletableFuture.completedFuture(response);
                    }
                    return CompletableFuture.<HttpResponse<InputStream>>failedFuture(verdict(backend, outcome));
                })
                .thenCompose(f -> f);
    }

    /** Per-backend latency (to the response headers) and failures by kind, for /metrics. */
    private void record(Backend backend, Outcome outcome, long nanos) {
        Tag id = new Tag("backend", backend.id());
        metrics.timer("portico_backend_duration", id).update(Duration.ofNanos(nanos));
        if (outcome != Outcome.OK) {
            metrics.counter("portico_backend_errors", id,
                    new Tag("kind", outcome.name().toLowerCase(java.util.Locale.ROOT))).inc();
        }
    }

    private static HttpRequest build(URI base, Outgoing request, Duration timeout) {
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.getScheme() + "://"
                        + base.getRawAuthority() + basePath + request.pathAndQuery()))
                .timeout(timeout)
                .method(request.method(), request.body());
        request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
        return builder.build();
    }

    private static Outcome outcome(HttpResponse<InputStream> response, Throwable error) {
        if (error == null) {
            int status = response.statusCode();
            return status == 502 || status == 503 || status == 504 ? Outcome.BAD_STATUS : Outcome.OK;
        }
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException) {
            return Outcome.CONNECT_FAILED;
        }
        if (e instanceof HttpTimeoutException) {
            return Outcome.TIMED_OUT;
        }
        return Outcome.FAILED;
    }

    /** SPEC §8: idempotent requests retry any transient failure; others only if nothing was sent. */
    private static boolean retryable(Outcome outcome, Outgoing request) {
        if (outcome == Outcome.CONNECT_FAILED) {
            return true;
        }
        return request.idempotent() && request.replayable();
    }

    private static GatewayException verdict(Backend backend, Outcome outcome) {
        return switch (outcome) {
            case TIMED_OUT -> timeout(backend);
            case CONNECT_FAILED -> new GatewayException(502, "Bad Gateway",
                    "The " + backend.id() + " service could not be reached.");
            default -> new GatewayException(502, "Bad Gateway",
                    "The " + backend.id() + " service did not give a usable answer.");
        };
    }

    private static GatewayException timeout(Backend backend) {
        return new GatewayException(504, "Gateway Timeout", "The " + backend.id() + " service did not answer in time.");
    }

    /** Drops a response that is retried (closing, not draining: this may be the client's selector thread). */
    private static void discard(HttpResponse<InputStream> response) {
        if (response != null) {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // the connection is dropped instead of reused; nothing else to do
            }
        }
    }
}

package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.observe.AccessLogWriter;
import dev.portico.observe.Metrics;
import dev.portico.observe.Tracing;
import dev.portico.route.GatewayRoute;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The end of every request: per-route metrics (requests by status, latency) and one JSON access-log
 * line, handed to the {@link AccessLogWriter} (off with {@code portico.access-log=false}). Metric handles
 * are resolved once per route and status, not per request.
 */
@Dependent
public class Observer {
    private static final String NO_ROUTE = "none";

    @Inject
    GatewayConfig config;
    @Inject
    MetricRegistry metrics;
    @Inject
    AccessLogWriter accessLogWriter;

    private final Map<String, RouteMetrics> byRoute = new ConcurrentHashMap<>();
    private boolean accessLog;

    /** One route's latency timer and its request counters by status. */
    private record RouteMetrics(Timer latency, Map<Integer, Counter> byStatus, String backend) {
    }

    @PostConstruct
    void start() {
        accessLog = config.accessLog().enabled();
    }

    /** Records a finished exchange; {@code reachedBackend}: its route's handler ran (the log names the backends). */
    public void done(Exchange exchange, int status, boolean reachedBackend) {
        long nanos = System.nanoTime() - exchange.startedNanos();
        GatewayRoute route = exchange.route();
        String id = route == null ? NO_ROUTE : route.id();
        RouteMetrics m = byRoute.computeIfAbsent(id,
                r -> new RouteMetrics(metrics.timer(Metrics.REQUEST_DURATION, new Tag("route", r)), new ConcurrentHashMap<>(),
                        route == null ? null : route.backend()));
        String backend = reachedBackend ? m.backend() : null;
        m.byStatus().computeIfAbsent(status, s -> metrics.counter(Metrics.REQUESTS, new Tag("route", id),
                new Tag("status", String.valueOf(s)))).inc();
        m.latency().update(Duration.ofNanos(nanos));
        Tracing.answered(status);
        if (accessLog) {
            accessLogWriter.write(new AccessLogWriter.Entry(Instant.now(), exchange.requestId(), traceId(exchange),
                    route == null ? null : id, exchange.method(), exchange.rawPath(), status, nanos / 1000, backend,
                    exchange.caller().subject(), exchange.instance(), exchange.cacheResult()));
        }
    }

    /** The request's trace id: the gateway's trace when tracing is on, else that of the client's well-formed {@code traceparent}, or null. */
    private static String traceId(Exchange exchange) {
        String traced = Tracing.traceId();
        if (traced != null) {
            return traced;
        }
        String traceparent = exchange.callContext().traceparent();
        return traceparent == null ? null : traceparent.substring(3, 35);
    }
}

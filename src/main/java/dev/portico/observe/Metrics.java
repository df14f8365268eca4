package dev.portico.observe;

import org.eclipse.microprofile.metrics.Metadata;

/**
 * The gateway's own metrics, each with the HELP text Prometheus shows: one place that names and
 * describes them (the README's list follows this one).
 */
public final class Metrics {
    public static final Metadata REQUESTS = of("portico_requests",
            "Requests answered, by route and status (route none: no route matched)");
    public static final Metadata REQUEST_DURATION = of("portico_request_duration",
            "Time from a request's arrival to its answer, by route");
    public static final Metadata BACKEND_DURATION = of("portico_backend_duration",
            "Time of one try to a backend, to its response headers, by backend");
    public static final Metadata BACKEND_ERRORS = of("portico_backend_errors",
            "Backend tries that failed, by backend and kind (bad_status, connect_failed, timed_out, unavailable, failed)");
    public static final Metadata CIRCUIT_OPEN = of("portico_backend_circuit_open",
            "1 while a backend's circuit breaker is not closed (open or half-open), else 0");
    public static final Metadata CIRCUIT_STATE = of("portico_backend_circuit_state",
            "A backend's circuit breaker: 0 closed, 1 open, 2 half-open");
    public static final Metadata INSTANCES_AVAILABLE = of("portico_backend_instances_available",
            "A backend's instances that take requests now: passing their health check and not ejected as outliers");
    public static final Metadata RATELIMIT_REJECTED = of("portico_ratelimit_rejected",
            "Requests refused with 429 by the rate limit, by route");
    public static final Metadata CACHE_REQUESTS = of("portico_cache_requests",
            "Requests to cached routes, by route and result (hit, stale: served stale, revalidated: refreshed by a 304, miss, bypass)");
    public static final Metadata CACHE_ENTRIES = of("portico_cache_entries",
            "Targets stored in the shared response cache (every node's view of the one cluster cache)");
    public static final Metadata ACCESS_LOG_DROPPED = of("portico_access_log_dropped",
            "Access-log lines dropped because the log could not keep up (a request never waits for the log)");

    private Metrics() {
    }

    private static Metadata of(String name, String help) {
        return Metadata.builder().withName(name).withDescription(help).build();
    }
}

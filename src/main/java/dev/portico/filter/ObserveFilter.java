package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.observe.AccessLog;
import dev.portico.route.RouteTable;
import dev.portico.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The end of the pipeline: per-route metrics (requests by status, latency) and one JSON
 * access-log line per request on the {@code portico.access} logger (off with
 * {@code portico.access-log=false}).
 */
@Provider
@PreMatching
@Priority(FilterOrder.OBSERVE)
public class ObserveFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Logger ACCESS = Logger.getLogger("portico.access");
    private static final String STARTED = "portico.started";

    @Context
    ResourceInfo resource;

    @Inject
    GatewayConfig config;

    @Inject
    MetricRegistry metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        long micros = started instanceof Long t ? (System.nanoTime() - t) / 1000 : 0;
        RouteDefinition policy = Routes.policy(request, resource, config);
        String route = policy == null ? "none" : policy.id();
        int status = response.getStatus();
        metrics.counter("portico_requests", new Tag("route", route), new Tag("status", String.valueOf(status))).inc();
        metrics.timer("portico_request_duration", new Tag("route", route)).update(Duration.ofNanos(micros * 1000));
        if (config.accessLog()) {
            RouteTable.Result declared = Routes.declared(request);
            ACCESS.info(AccessLog.line(Instant.now(), request.getHeaderString(RequestIds.HEADER),
                    policy == null ? null : route, request.getMethod(),
                    request.getUriInfo().getRequestUri().getRawPath(), status, micros,
                    declared == null ? null : declared.route().backend(),
                    Caller.of(request.getSecurityContext()).subject()));
        }
    }
}

package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.RateLimit;
import dev.portico.config.RouteDefinition;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import dev.portico.ratelimit.RateLimiter;
import dev.portico.ratelimit.TokenBucket;
import dev.portico.security.Caller;
import dev.portico.security.ClientAddress;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * SPEC §6: per route and consumer (the token's subject, else the client address), a token bucket in the
 * shared state. Every response of a limited route carries {@code RateLimit-Policy} and {@code RateLimit}
 * (draft-ietf-httpapi-ratelimit-headers); over the limit → 429 with {@code Retry-After}, and no backend call.
 */
@Provider
@Priority(FilterOrder.RATE_LIMIT)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String PROPERTY = "portico.rateLimit";

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest servlet;

    @Inject
    GatewayConfig config;

    @Inject
    RateLimiter limiter;

    @Inject
    MetricRegistry metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        RouteDefinition policy = Routes.policy(request, resource, config);
        if (policy == null || policy.rateLimit() == null) {
            return;
        }
        RateLimit limit = policy.rateLimit();
        Caller caller = Caller.of(request.getSecurityContext());
        String consumer = caller.authenticated() ? "sub:" + caller.subject()
                : "ip:" + ClientAddress.resolve(servlet.getRemoteAddr(), request.getHeaderString("X-Forwarded-For"),
                        config::trustedProxy);
        TokenBucket.Decision decision = limiter.take(policy.id(), consumer, limit);
        if (decision == null) {
            return;
        }
        Map<String, String> headers = Map.of("RateLimit-Policy", policyHeader(policy),
                "RateLimit", "\"" + policy.id() + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
        request.setProperty(PROPERTY, headers);
        if (!decision.allowed()) {
            metrics.counter("portico_ratelimit_rejected", new Tag("route", policy.id())).inc();
            request.abortWith(Problems.response(new GatewayException(429, "Too Many Requests",
                    "This route allows " + limit.limit() + " requests per " + limit.window().toSeconds()
                    + " s per consumer; try again in " + decision.retryAfter() + " s.",
                    Map.of("Retry-After", Long.toString(decision.retryAfter())))));
        }
    }

    private static String policyHeader(RouteDefinition policy) {
        return "\"" + policy.id() + "\";q=" + policy.rateLimit().limit() + ";w=" + policy.rateLimit().window().toSeconds();
    }

    /** Every response of a limited route says its policy; those that went through the limiter, the caller's state too. */
    @Override
    @SuppressWarnings("unchecked")
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROPERTY) instanceof Map<?, ?> headers) {
            ((Map<String, String>) headers).forEach(response.getHeaders()::putSingle);
            return;
        }
        RouteDefinition policy = Routes.policy(request, resource, config);
        if (policy != null && policy.rateLimit() != null) {
            response.getHeaders().putSingle("RateLimit-Policy", policyHeader(policy)); // refused before the limiter
        }
    }
}

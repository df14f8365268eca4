package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A route with {@code sunset} is deprecated: its responses carry {@code Deprecation} (RFC 9745,
 * since this gateway started) and {@code Sunset} (RFC 8594).
 */
@Provider
public class DeprecationFilter implements ContainerResponseFilter {
    private static final long STARTED = System.currentTimeMillis() / 1000;

    @Context
    ResourceInfo resource;

    @Inject
    GatewayConfig config;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        RouteDefinition policy = Routes.policy(request, resource, config);
        if (policy != null && policy.sunset() != null) {
            response.getHeaders().putSingle("Deprecation", "@" + STARTED);
            response.getHeaders().putSingle("Sunset", DateTimeFormatter.RFC_1123_DATE_TIME
                    .format(policy.sunset().atStartOfDay(ZoneOffset.UTC)));
        }
    }
}

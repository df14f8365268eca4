package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * CORS for routes that configure {@code cors.origins}: the gateway answers preflights itself (they never
 * reach a backend), refuses other origins with 403, and adds the CORS headers to allowed responses.
 * Routes without a policy are left alone (a backend may do its own CORS).
 */
@Provider
@PreMatching
@Priority(FilterOrder.CORS)
public class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String PROPERTY = "portico.cors";

    @Inject
    GatewayConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return;
        }
        String asked = request.getHeaderString("Access-Control-Request-Method");
        boolean preflight = HttpMethod.OPTIONS.equals(request.getMethod()) && asked != null;
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String method = preflight ? asked : request.getMethod();
        Routes.Found route = Routes.beforeMatching(config, method, path);
        if (route == null || route.policy().cors() == null) {
            return;
        }
        RouteDefinition policy = route.policy();
        try {
            if (preflight) {
                Response.ResponseBuilder answer = Response.noContent().header("Vary", "Origin");
                Cors.preflight(policy.cors(), route.methods(), origin, asked, request.getHeaderString("Access-Control-Request-Headers"))
                        .forEach(answer::header);
                request.abortWith(answer.build());
            } else {
                request.setProperty(PROPERTY, Cors.actual(policy.cors(), origin));
            }
        } catch (GatewayException e) {
            request.abortWith(Problems.response(e));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PROPERTY) instanceof Map<?, ?> headers) {
            ((Map<String, String>) headers).forEach(response.getHeaders()::putSingle);
            response.getHeaders().add("Vary", "Origin");
        }
    }
}

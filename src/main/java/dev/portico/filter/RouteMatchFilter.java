package dev.portico.filter;

import dev.portico.api.ProxyResource;
import dev.portico.config.GatewayConfig;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import dev.portico.route.RouteTable;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Matches requests that reached the declared-route proxy against the route table: 404 when no
 * route has the path, 405 with {@code Allow} when none takes the method, 413 when the declared
 * body is over the route's limit. Coded routes were matched by JAX-RS itself; their body
 * limit is checked here too.
 */
@Provider
@Priority(FilterOrder.ROUTE_MATCH)
public class RouteMatchFilter implements ContainerRequestFilter {
    /** Request property holding the {@link RouteTable.Result} of a declared route. */
    public static final String DECLARED = "portico.declaredRoute";

    @Context
    ResourceInfo resource;

    @Inject
    GatewayConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceClass() == null || !ProxyResource.class.isAssignableFrom(resource.getResourceClass())) {
            String coded = Routes.codedId(resource);
            if (coded != null) {
                checkLength(request, config.route(coded).maxBody());
            }
            return;
        }
        RouteTable.Result result = config.routeTable().match(request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath());
        if (!result.found()) {
            request.abortWith(result.allowed().isEmpty()
                    ? Problems.response(404, "Not Found", "No route matches this path.")
                    : Problems.response(new GatewayException(405, "Method Not Allowed",
                            "This route does not accept this method.",
                            Map.of(HttpHeaders.ALLOW, String.join(", ", result.allowed())))));
            return;
        }
        if (checkLength(request, result.route().policy().maxBody())) {
            request.setProperty(DECLARED, result);
        }
    }

    /** A declared body over the route's limit is refused before anything reads it. */
    private static boolean checkLength(ContainerRequestContext request, long limit) {
        if (request.getLength() > limit) {
            request.abortWith(Problems.response(413, "Content Too Large",
                    "The body may be at most " + limit + " bytes on this route."));
            return false;
        }
        return true;
    }
}

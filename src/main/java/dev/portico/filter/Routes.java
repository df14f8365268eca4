package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

/** Which route a matched request is on: a declared one (set by RouteMatchFilter) or a coded one (@Route). */
final class Routes {
    private Routes() {
    }

    /** The declared route's match, if the request is on one. */
    static RouteTable.Result declared(ContainerRequestContext request) {
        return request.getProperty(RouteMatchFilter.DECLARED) instanceof RouteTable.Result r ? r : null;
    }

    /** The coded route id of the matched resource method, or null. */
    static String codedId(ResourceInfo resource) {
        Route route = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Route.class);
        return route == null ? null : route.value();
    }

    /** The policies of the request's route, or null when it is on none (JAX-RS internals). */
    static RouteDefinition policy(ContainerRequestContext request, ResourceInfo resource, GatewayConfig config) {
        RouteTable.Result declared = declared(request);
        if (declared != null) {
            return declared.route().policy();
        }
        String coded = codedId(resource);
        return coded == null ? null : config.route(coded);
    }
}

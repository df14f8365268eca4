package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.route.DeclaredRoute;
import dev.portico.route.Route;
import dev.portico.route.RouteTable;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.Map;
import java.util.Set;

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

    /** A route found before JAX-RS matching: its policies and the methods its path takes. */
    record Found(RouteDefinition policy, Set<String> methods) {
    }

    /**
     * The route a request would match, for the steps before JAX-RS matching (HTTPS redirect, CORS): the one
     * on the path that takes {@code method}, else any on the path; null when there is none. Coded routes come
     * first, as in JAX-RS (they shadow declared ones below them).
     */
    static Found beforeMatching(GatewayConfig config, String method, String rawPath) {
        Map<String, String> coded = CodedPaths.routeIds(rawPath);
        if (!coded.isEmpty()) {
            return new Found(config.route(coded.getOrDefault(method, coded.values().iterator().next())), coded.keySet());
        }
        DeclaredRoute declared = config.routeTable().onPath(method, rawPath);
        return declared == null ? null : new Found(declared.policy(), declared.methods());
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

package dev.portico.route;

import dev.portico.config.RouteDefinition;
import java.util.Set;

/**
 * One entry of the route table, coded or declared: which requests it takes, its policies, and how it is
 * handled. A coded route is served by its handler or JAX-RS resource; a declared route is forwarded to its backend.
 *
 * @param policy      its policies (auth, roles, deadline, …)
 * @param path        request paths it matches
 * @param methods     request methods it accepts
 * @param kind        how it is handled
 * @param backend     the backend id a declared route forwards to (null for coded routes)
 * @param backendPath the path at the backend; parameters are filled in and a {@code **} rest appended
 */
public record GatewayRoute(RouteDefinition policy, PathTemplate path, Set<String> methods, Kind kind, String backend,
        PathTemplate backendPath) {

    /** How a route is handled. */
    public enum Kind { CODED, DECLARED }

    public static GatewayRoute declared(RouteDefinition policy, PathTemplate path, Set<String> methods, String backend,
            PathTemplate backendPath) {
        return new GatewayRoute(policy, path, methods, Kind.DECLARED, backend, backendPath);
    }

    public static GatewayRoute coded(RouteDefinition policy, PathTemplate path, Set<String> methods) {
        return new GatewayRoute(policy, path, methods, Kind.CODED, null, null);
    }

    public String id() {
        return policy.id();
    }

    public boolean declared() {
        return kind == Kind.DECLARED;
    }
}

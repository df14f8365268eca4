package dev.portico.route;

import dev.portico.config.RouteDefinition;
import dev.portico.config.RouteDefinition.Auth;
import java.util.List;
import java.util.Set;

/**
 * The gateway's own routes, matched before the configured ones: admins only, with the same
 * {@code portico.route.<id>.*} policies as any route.
 */
public final class AdminRoutes {
    public static final String ROUTES = "admin-routes";
    public static final String BACKENDS = "admin-backends";
    /** {@code DELETE /admin/cache}: purges stored responses (SPEC §7). */
    public static final String CACHE = "admin-cache";

    private AdminRoutes() {
    }

    /** Their policies before configuration. */
    public static List<RouteDefinition> defaults() {
        return List.of(RouteDefinition.of(ROUTES, Auth.JWT, Set.of("admin"), null),
                RouteDefinition.of(BACKENDS, Auth.JWT, Set.of("admin"), null),
                RouteDefinition.of(CACHE, Auth.JWT, Set.of("admin"), null));
    }

    /** The route of {@code policy} (one of {@link #defaults()}, as configured). */
    public static GatewayRoute route(RouteDefinition policy) {
        if (policy.id().equals(CACHE)) {
            return new GatewayRoute(policy, PathTemplate.parse("/admin/cache"), Set.of("DELETE"), new Handling.Builtin(CACHE));
        }
        String path = policy.id().equals(ROUTES) ? "/admin/routes" : "/admin/backends";
        return new GatewayRoute(policy, PathTemplate.parse(path), Set.of("GET", "HEAD"), new Handling.Builtin(policy.id()));
    }
}

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
    /** {@code GET /admin/stats}: per-route counters and latency buckets, what the console draws. */
    public static final String STATS = "admin-stats";
    /** {@code GET /admin/ui/**}: the console's page and scripts; they hold no data (it asks with the admin's token). */
    public static final String UI = "admin-ui";

    private AdminRoutes() {
    }

    /** Their policies before configuration. */
    public static List<RouteDefinition> defaults() {
        return List.of(RouteDefinition.of(ROUTES, Auth.JWT, Set.of("admin"), null),
                RouteDefinition.of(BACKENDS, Auth.JWT, Set.of("admin"), null),
                RouteDefinition.of(CACHE, Auth.JWT, Set.of("admin"), null),
                RouteDefinition.of(STATS, Auth.JWT, Set.of("admin"), null),
                RouteDefinition.of(UI, Auth.NONE, Set.of(), null));
    }

    /** The route of {@code policy} (one of {@link #defaults()}, as configured). */
    public static GatewayRoute route(RouteDefinition policy) {
        String id = policy.id();
        Set<String> methods = id.equals(CACHE) ? Set.of("DELETE") : Set.of("GET", "HEAD");
        String path = switch (id) {
            case ROUTES -> "/admin/routes";
            case BACKENDS -> "/admin/backends";
            case CACHE -> "/admin/cache";
            case STATS -> "/admin/stats";
            case UI -> "/admin/ui/**";
            default -> throw new IllegalArgumentException("not an admin route: " + id);
        };
        return new GatewayRoute(policy, PathTemplate.parse(path), methods, new Handling.Builtin(id));
    }
}

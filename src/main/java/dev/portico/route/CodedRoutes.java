package dev.portico.route;

import dev.portico.config.RouteDefinition;
import dev.portico.config.RouteDefinition.Auth;
import java.util.List;
import java.util.Set;

/**
 * The routes coded in the gateway (SPEC §2): their ids, the requests they take, and their default policies.
 * The aggregates are servlet-layer handlers; the others are JAX-RS resources, whose {@code @Path}s must
 * agree with {@link #PATHS} (a unit test checks it).
 */
public final class CodedRoutes {
    public static final String USER_ORDERS_SEED = "user-orders-seed";
    public static final String USER_ORDERS = "user-orders";
    public static final String USER_ORDERS_V2 = "user-orders-v2";
    public static final String USER = "user";
    public static final String PRODUCT = "product";
    public static final String PRODUCTS = "products";
    public static final String ORDERS = "orders";
    public static final String CREATE_ORDER = "create-order";
    public static final String ADMIN_ROUTES = "admin-routes";
    public static final String ADMIN_BACKENDS = "admin-backends";

    /** Where a coded route lives: its id, method (GET also takes HEAD) and path. */
    public record CodedPath(String id, String method, String path) {
        public Set<String> methods() {
            return method.equals("GET") ? Set.of("GET", "HEAD") : Set.of(method);
        }
    }

    /** In matching order; a path with more than one method lists each. */
    public static final List<CodedPath> PATHS = List.of(
            new CodedPath(USER_ORDERS_SEED, "GET", "/api/user/{id}/orders"),
            new CodedPath(USER_ORDERS, "GET", "/api/v1/users/{id}/orders"),
            new CodedPath(USER_ORDERS_V2, "GET", "/api/v2/users/{id}/orders"),
            new CodedPath(USER, "GET", "/api/v1/users/{id}"),
            new CodedPath(PRODUCT, "GET", "/api/v1/products/{id}"),
            new CodedPath(PRODUCTS, "GET", "/api/v1/products"),
            new CodedPath(ORDERS, "GET", "/api/v1/orders"),
            new CodedPath(CREATE_ORDER, "POST", "/api/v1/orders"),
            new CodedPath(ADMIN_ROUTES, "GET", "/admin/routes"),
            new CodedPath(ADMIN_BACKENDS, "GET", "/admin/backends"));

    private static final Set<String> USERS = Set.of("user", "admin");

    private CodedRoutes() {
    }

    /** Defaults before configuration: a user reads only their own data; product reads are public. */
    public static List<RouteDefinition> defaults() {
        return List.of(
                RouteDefinition.of(USER_ORDERS_SEED, Auth.JWT, USERS, "id"),
                RouteDefinition.of(USER_ORDERS, Auth.JWT, USERS, "id"),
                RouteDefinition.of(USER_ORDERS_V2, Auth.JWT, USERS, "id"),
                RouteDefinition.of(USER, Auth.JWT, USERS, "id"),
                RouteDefinition.of(PRODUCT, Auth.NONE, Set.of(), null),
                RouteDefinition.of(PRODUCTS, Auth.NONE, Set.of(), null),
                RouteDefinition.of(ORDERS, Auth.JWT, USERS, "userId"),
                withMaxBody(RouteDefinition.of(CREATE_ORDER, Auth.JWT, USERS, null), 64 * 1024),
                RouteDefinition.of(ADMIN_ROUTES, Auth.JWT, Set.of("admin"), null),
                RouteDefinition.of(ADMIN_BACKENDS, Auth.JWT, Set.of("admin"), null));
    }

    private static RouteDefinition withMaxBody(RouteDefinition r, long maxBody) {
        return new RouteDefinition(r.id(), r.auth(), r.roles(), r.ownerParam(), r.timeout(), r.sunset(), maxBody,
                r.cors(), r.httpsOnly(), r.rateLimit());
    }
}

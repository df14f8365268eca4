package dev.portico.route;

import dev.portico.config.RouteDefinition;
import dev.portico.config.RouteDefinition.Auth;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The ids and default policies of the routes coded as JAX-RS resources (SPEC §2). */
public final class CodedRoutes {
    public static final String USER_ORDERS_SEED = "user-orders-seed";
    public static final String USER_ORDERS = "user-orders";
    public static final String USER = "user";
    public static final String PRODUCT = "product";
    public static final String PRODUCTS = "products";
    public static final String ORDERS = "orders";
    public static final String CREATE_ORDER = "create-order";

    private static final Set<String> USERS = Set.of("user", "admin");
    private static final Duration DEADLINE = Duration.ofSeconds(3);

    private CodedRoutes() {
    }

    /** Defaults before configuration: a user reads only their own data; product reads are public. */
    public static List<RouteDefinition> defaults() {
        return List.of(
                new RouteDefinition(USER_ORDERS_SEED, Auth.JWT, USERS, "id", DEADLINE),
                new RouteDefinition(USER_ORDERS, Auth.JWT, USERS, "id", DEADLINE),
                new RouteDefinition(USER, Auth.JWT, USERS, "id", DEADLINE),
                new RouteDefinition(PRODUCT, Auth.NONE, Set.of(), null, DEADLINE),
                new RouteDefinition(PRODUCTS, Auth.NONE, Set.of(), null, DEADLINE),
                new RouteDefinition(ORDERS, Auth.JWT, USERS, "userId", DEADLINE),
                new RouteDefinition(CREATE_ORDER, Auth.JWT, USERS, null, DEADLINE));
    }
}

package dev.portico.api;

import dev.portico.filter.RouteHandler;
import dev.portico.filter.RouteHandlers;
import dev.portico.route.GatewayRoute;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/**
 * The routes served in the servlet layer: every declared route (forwarded) and the user-orders aggregates.
 * The other coded routes are JAX-RS resources; they are not on the data plane's hot path.
 */
@Dependent
public class Handlers implements RouteHandlers {
    @Inject
    ForwardHandler forward;
    @Inject
    UserOrders userOrders;

    @Override
    public RouteHandler forRoute(GatewayRoute route) {
        if (route.declared()) {
            return forward;
        }
        return servesCoded(route.id()) ? userOrders : null;
    }

    /** The coded routes that have no JAX-RS resource. */
    public static boolean servesCoded(String routeId) {
        return UserOrders.ROUTES.contains(routeId);
    }
}

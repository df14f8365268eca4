package dev.portico.filter;

import dev.portico.route.GatewayRoute;

/** Which handler serves a route. */
public interface RouteHandlers {
    RouteHandler forRoute(GatewayRoute route);
}

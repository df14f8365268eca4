package dev.portico.filter;

import dev.portico.route.GatewayRoute;

/** Which handler serves a route right in the servlet layer; null sends the request on to its JAX-RS resource. */
public interface RouteHandlers {
    RouteHandler forRoute(GatewayRoute route);
}

package dev.portico.api;

import dev.portico.filter.RouteHandler;
import dev.portico.filter.RouteHandlers;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** Which handler serves a route, by how it is handled: forwarded, composed, or the gateway's own. */
@Dependent
public class Handlers implements RouteHandlers {
    @Inject
    ForwardHandler forward;
    @Inject
    Composer composer;
    @Inject
    AdminHandler admin;

    @Override
    public RouteHandler forRoute(GatewayRoute route) {
        Handling handling = route.handling();
        if (handling instanceof Handling.Forward) {
            return forward;
        }
        return handling instanceof Handling.Compose ? composer : admin;
    }
}

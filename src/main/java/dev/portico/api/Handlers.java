package dev.portico.api;

import dev.portico.cluster.ResponseStore;
import dev.portico.config.GatewayConfig;
import dev.portico.filter.RouteHandler;
import dev.portico.filter.RouteHandlers;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which handler serves a route, by how it is handled: forwarded, composed, or the gateway's own; when
 * any route is cached, a cached route's handler is wrapped in its cache, and every other route's in the
 * invalidation that its unsafe requests cause (SPEC §7).
 */
@Dependent
public class Handlers implements RouteHandlers {
    @Inject
    ForwardHandler forward;
    @Inject
    Composer composer;
    @Inject
    AdminHandler admin;
    @Inject
    GatewayConfig config;
    @Inject
    ResponseStore store;
    @Inject
    CacheCounters counters;

    private boolean caching;
    private final Map<String, RouteHandler> wrapped = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        caching = config.caching();
        if (caching) {
            counters.watch(store);
        }
    }

    @Override
    public RouteHandler forRoute(GatewayRoute route) {
        RouteHandler handler = plain(route);
        if (!caching || handler == admin) {
            return handler;
        }
        return wrapped.computeIfAbsent(route.id(), id -> route.policy().cache() != null
                ? new CachingHandler(handler, route.policy().cache(), config.cacheLimits(), store, counters,
                        !route.policy().transform().body().any())
                : exchange -> Invalidation.after(exchange, handler.handle(exchange), store));
    }

    private RouteHandler plain(GatewayRoute route) {
        Handling handling = route.handling();
        if (handling instanceof Handling.Forward) {
            return forward;
        }
        return handling instanceof Handling.Compose ? composer : admin;
    }
}

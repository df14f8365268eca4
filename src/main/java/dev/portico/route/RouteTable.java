package dev.portico.route;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every route, coded and declared, matched in order (coded routes first, then the declared ones as
 * configured): the first route whose path matches and that takes the method wins.
 */
public final class RouteTable {
    private final List<GatewayRoute> routes;

    public RouteTable(List<GatewayRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<GatewayRoute> routes() {
        return routes;
    }

    /** The declared routes only, in their configured order. */
    public List<GatewayRoute> declared() {
        return routes.stream().filter(GatewayRoute::declared).toList();
    }

    /**
     * The outcome of matching a request: a route and its path match, or the methods the path would take
     * (empty: no route has the path). {@code onPath} is the first route on the path whatever the method.
     */
    public record Result(GatewayRoute route, PathTemplate.Match match, Set<String> allowed, GatewayRoute onPath) {
        public boolean found() {
            return route != null;
        }
    }

    public Result match(String method, String rawPath) {
        Set<String> allowed = null;
        GatewayRoute first = null;
        String[] segments = PathTemplate.segments(rawPath);
        for (GatewayRoute route : routes) {
            Optional<PathTemplate.Match> match = route.path().match(segments);
            if (match.isPresent()) {
                if (route.methods().contains(method) || route.methods().contains("*")) {
                    return new Result(route, match.get(), Set.of(), route);
                }
                if (allowed == null) {
                    allowed = new TreeSet<>();
                    first = route;
                }
                allowed.addAll(route.methods());
            }
        }
        return new Result(null, null, allowed == null ? Set.of() : allowed, first);
    }
}

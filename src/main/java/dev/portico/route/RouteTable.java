package dev.portico.route;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The declared routes, matched in their configured order: the first route whose path matches wins. */
public final class RouteTable {
    private final List<DeclaredRoute> routes;

    public RouteTable(List<DeclaredRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<DeclaredRoute> routes() {
        return routes;
    }

    /** The outcome of matching a request: a route, or the methods the path would take (empty: no route). */
    public record Result(DeclaredRoute route, PathTemplate.Match match, Set<String> allowed) {
        public boolean found() {
            return route != null;
        }
    }

    /** The first route on {@code rawPath} that takes {@code method}, else the first on the path at all; or null. */
    public DeclaredRoute onPath(String method, String rawPath) {
        Result exact = match(method, rawPath);
        if (exact.found()) {
            return exact.route();
        }
        return routes.stream().filter(r -> r.path().match(rawPath).isPresent()).findFirst().orElse(null);
    }

    public Result match(String method, String rawPath) {
        Set<String> allowed = new TreeSet<>();
        for (DeclaredRoute route : routes) {
            Optional<PathTemplate.Match> match = route.path().match(rawPath);
            if (match.isPresent()) {
                if (route.methods().contains(method)) {
                    return new Result(route, match.get(), Set.of());
                }
                allowed.addAll(route.methods());
            }
        }
        return new Result(null, null, allowed);
    }
}

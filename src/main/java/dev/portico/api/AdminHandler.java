package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.Backend;
import dev.portico.backend.Backends;
import dev.portico.backend.Instance;
import dev.portico.cluster.ResponseStore;
import dev.portico.compose.Part;
import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.filter.Exchange;
import dev.portico.filter.Query;
import dev.portico.filter.RouteHandler;
import dev.portico.reply.Reply;
import dev.portico.route.AdminRoutes;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import dev.portico.route.RouteTable;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The gateway's own routes: {@code /admin/routes} (every route and how it is handled), {@code /admin/backends},
 * {@code DELETE /admin/cache}, {@code /admin/stats} and the console at {@code /admin/ui}.
 */
@Dependent
public class AdminHandler implements RouteHandler {
    @Inject
    GatewayConfig config;
    @Inject
    Backends backends;
    @Inject
    ResponseStore store;
    @Inject
    AdminStats stats;
    @Inject
    AdminConsole console;

    @Override
    public Reply handle(Exchange exchange) {
        return switch (exchange.route().id()) {
            case AdminRoutes.ROUTES -> routes();
            case AdminRoutes.CACHE -> purge(exchange.query());
            case AdminRoutes.STATS -> Reply.json(200, stats.read());
            case AdminRoutes.UI -> console.serve(exchange.match().match().rest());
            default -> backends();
        };
    }

    /** {@code DELETE /admin/cache}: everything, {@code ?route=<id>} one route's targets, or {@code ?path=} one target. */
    private Reply purge(String query) {
        if (!config.caching()) {
            return Reply.json(200, JSON.createObjectBuilder().add("purged", 0).build());
        }
        String route = Query.first(query, "route");
        String path = Query.first(query, "path");
        Predicate<String> which;
        if (route != null) {
            if (!config.routes().containsKey(route)) {
                return Reply.problem(404, "Not Found", "There is no route '" + route + "'.");
            }
            which = key -> {
                RouteTable.Result match = config.routeTable().match("GET", pathOf(key));
                return match.found() && match.route().id().equals(route);
            };
        } else if (path != null) {
            if (!path.startsWith("/")) {
                return Reply.problem(400, "Bad Request", "path must be a path on the gateway, starting with '/'.");
            }
            which = key -> key.equals(path) || path.indexOf('?') < 0 && pathOf(key).equals(path);
        } else {
            which = key -> true;
        }
        return Reply.json(200, JSON.createObjectBuilder().add("purged", store.purge(which)).build());
    }

    private static String pathOf(String key) {
        int query = key.indexOf('?');
        return query < 0 ? key : key.substring(0, query);
    }

    private Reply routes() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (GatewayRoute r : config.routeTable().routes()) {
            JsonObjectBuilder route = policy(r.policy()).add("path", r.path().toString())
                    .add("methods", JSON.createArrayBuilder(r.methods().stream().sorted().toList()));
            if (r.handling() instanceof Handling.Forward f) {
                route.add("kind", "forward").add("backend", f.backend()).add("backendPath", f.backendPath().toString());
            } else if (r.handling() instanceof Handling.Compose c) {
                JsonArrayBuilder parts = JSON.createArrayBuilder();
                c.parts().forEach(p -> parts.add(part(p)));
                route.add("kind", c.aggregate() ? "aggregate" : "translate").add("parts", parts);
            } else {
                route.add("kind", "builtin");
            }
            list.add(route);
        }
        return Reply.json(200, JSON.createObjectBuilder().add("routes", list).build());
    }

    private static JsonObjectBuilder part(Part p) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("name", p.name()).add("backend", p.call().backend())
                .add("protocol", lower(p.call().kind())).add("required", p.required())
                .add("after", JSON.createArrayBuilder(p.after()));
        if (p.call().method() != null) {
            json.add("grpcMethod", p.call().method());
        }
        if (p.call().path() != null) {
            json.add("path", p.call().path().toString());
        }
        if (p.collecting()) {
            json.add("collect", p.collect().toString());
        }
        return json;
    }

    private Reply backends() {
        long now = System.currentTimeMillis();
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Backend b : backends.all().values()) {
            JsonArrayBuilder instances = JSON.createArrayBuilder();
            for (Instance i : b.instances()) {
                instances.add(JSON.createObjectBuilder().add("url", i.base().toString())
                        .add("healthy", i.activelyHealthy()).add("ejected", i.ejected(now))
                        .add("inFlight", i.inFlight()));
            }
            JsonArrayBuilder usedBy = JSON.createArrayBuilder(config.routeTable().routes().stream()
                    .filter(r -> usesBackend(r, b.id())).map(GatewayRoute::id).toList());
            list.add(JSON.createObjectBuilder().add("id", b.id()).add("routes", usedBy)
                    .add("protocol", lower(b.definition().protocol()))
                    .add("loadBalancer", lower(b.definition().loadBalancer()))
                    .add("circuit", lower(b.breaker().state()))
                    .add("activeHealthCheck", b.definition().healthPath() != null)
                    .add("instances", instances));
        }
        return Reply.json(200, JSON.createObjectBuilder().add("backends", list).build());
    }

    private static boolean usesBackend(GatewayRoute route, String backend) {
        return route.handling() instanceof Handling.Forward f ? f.backend().equals(backend)
                : route.parts().stream().anyMatch(p -> p.call().backend().equals(backend));
    }

    private static JsonObjectBuilder policy(RouteDefinition p) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add("id", p.id()).add("auth", lower(p.auth()))
                .add("roles", JSON.createArrayBuilder(p.roles().stream().sorted().toList()))
                .add("timeout", p.timeout().toString()).add("maxBody", p.maxBody());
        if (p.rateLimit() != null) {
            json.add("rateLimit", p.rateLimit().limit() + " per " + p.rateLimit().window().toSeconds() + "s");
        }
        if (p.ownerParam() != null) {
            json.add("ownerParam", p.ownerParam());
        }
        if (p.sunset() != null) {
            json.add("sunset", p.sunset().toString());
        }
        if (p.cache() != null) {
            JsonObjectBuilder cache = JSON.createObjectBuilder().add("maxTtl", p.cache().maxTtl().toString())
                    .add("staleIfError", p.cache().staleIfError().toString())
                    .add("staleWhileRevalidate", p.cache().staleWhileRevalidate().toString());
            if (p.cache().ttl() != null) {
                cache.add("ttl", p.cache().ttl().toString());
            }
            json.add("cache", cache);
        }
        return json;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

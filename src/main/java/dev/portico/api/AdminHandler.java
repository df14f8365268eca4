package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.Backend;
import dev.portico.backend.Backends;
import dev.portico.backend.Instance;
import dev.portico.compose.Part;
import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.filter.Exchange;
import dev.portico.filter.RouteHandler;
import dev.portico.reply.Reply;
import dev.portico.route.AdminRoutes;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/** The gateway's own routes: {@code /admin/routes} (every route and how it is handled) and {@code /admin/backends}. */
@Dependent
public class AdminHandler implements RouteHandler {
    @Inject
    GatewayConfig config;
    @Inject
    Backends backends;

    @Override
    public Reply handle(Exchange exchange) {
        return exchange.route().id().equals(AdminRoutes.ROUTES) ? routes() : backends();
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
        if (p.ownerParam() != null) {
            json.add("ownerParam", p.ownerParam());
        }
        if (p.sunset() != null) {
            json.add("sunset", p.sunset().toString());
        }
        return json;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

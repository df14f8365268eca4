package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.Backend;
import dev.portico.backend.Backends;
import dev.portico.backend.Instance;
import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.route.CodedRoutes;
import dev.portico.route.GatewayRoute;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/** {@code /admin} (role admin): the effective route table and the backends' instance health. */
@Path("/admin")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    GatewayConfig config;
    @Inject
    Backends backends;

    @GET
    @Path("routes")
    public Response routes() {
        JsonArrayBuilder coded = JSON.createArrayBuilder();
        CodedRoutes.defaults().forEach(d -> coded.add(policy(config.route(d.id())).add("kind", "coded")));
        for (GatewayRoute r : config.routeTable().declared()) {
            coded.add(policy(r.policy()).add("kind", "declared").add("path", r.path().toString())
                    .add("methods", JSON.createArrayBuilder(r.methods().stream().sorted().toList()))
                    .add("backend", r.backend()).add("backendPath", r.backendPath().toString()));
        }
        return Responses.ok(JSON.createObjectBuilder().add("routes", coded).build());
    }

    @GET
    @Path("backends")
    public Response backends() {
        long now = System.currentTimeMillis();
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (Backend b : backends.all().values()) {
            JsonArrayBuilder instances = JSON.createArrayBuilder();
            for (Instance i : b.instances()) {
                instances.add(JSON.createObjectBuilder().add("url", i.base().toString())
                        .add("healthy", i.activelyHealthy()).add("ejected", i.ejected(now))
                        .add("inFlight", i.inFlight()));
            }
            // Health, ejection and circuit apply to declared routes; coded routes use MP FT (see /metrics).
            JsonArrayBuilder usedBy = JSON.createArrayBuilder(config.routeTable().declared().stream()
                    .filter(r -> r.backend().equals(b.id())).map(GatewayRoute::id).toList());
            list.add(JSON.createObjectBuilder().add("id", b.id()).add("declaredRoutes", usedBy)
                    .add("protocol", lower(b.definition().protocol()))
                    .add("loadBalancer", lower(b.definition().loadBalancer()))
                    .add("circuit", lower(b.breaker().state()))
                    .add("activeHealthCheck", b.definition().healthPath() != null)
                    .add("instances", instances));
        }
        JsonObject body = JSON.createObjectBuilder().add("backends", list).build();
        return Responses.ok(body);
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

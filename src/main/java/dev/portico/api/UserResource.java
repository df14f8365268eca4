package dev.portico.api;

import static dev.portico.route.CodedRoutes.USER;

import dev.portico.backend.CallContext;
import dev.portico.backend.Deadline;
import dev.portico.backend.Calls;
import dev.portico.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** {@code /api/v1/users/{id}}: REST pass-through to the User service (user-orders is {@link UserOrders}). */
@Path("/api/v1/users")
@ApplicationScoped
public class UserResource {
    @Inject
    Calls calls;
    @Inject
    GatewayConfig config;

    /** The User service's answer, 4xx and 5xx included, relayed unchanged. */
    @GET
    @Path("{id}")
    public Response user(@PathParam("id") String id, @Context HttpHeaders headers, @Context SecurityContext security) {
        Ids.require("id", id);
        try {
            return Responses.relay(calls.call("users", "GET", "/users/" + id, null, CallContext.of(headers, security),
                    Deadline.in(config.route(USER).timeout())));
        } catch (RuntimeException e) {
            return Responses.failure("users", e);
        }
    }
}

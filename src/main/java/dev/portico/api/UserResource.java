package dev.portico.api;

import static dev.portico.route.CodedRoutes.USER;
import static dev.portico.route.CodedRoutes.USER_ORDERS;

import dev.portico.backend.CallContext;
import dev.portico.backend.Calls;
import dev.portico.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;

/** {@code /api/v1/users}: REST pass-through to the User service, and the user-orders aggregate. */
@Path("/api/v1/users")
@ApplicationScoped
public class UserResource {
    @Inject
    Calls calls;
    @Inject
    GatewayConfig config;
    @Inject
    UserOrders userOrders;

    /** The User service's answer, 4xx and 5xx included, relayed unchanged. */
    @GET
    @Path("{id}")
    public CompletionStage<Response> user(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        Ids.require("id", id);
        return calls.send("users", "GET", "/users/" + id, null, CallContext.of(headers, security), config.route(USER).timeout())
                .handle((reply, failure) -> failure != null ? Responses.failure("users", failure) : Responses.relay(reply));
    }

    @GET
    @Path("{id}/orders")
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> userOrders(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        return userOrders.fetch(USER_ORDERS, id, CallContext.of(headers, security));
    }
}

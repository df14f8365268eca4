package dev.portico.api;

import static dev.portico.route.CodedRoutes.USER_ORDERS_SEED;

import dev.portico.backend.CallContext;
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

/** The seed's reference flow, {@code GET /api/user/{id}/orders}: the unversioned alias of user-orders. */
@Path("/api/user")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SeedResource {
    @Inject
    UserOrders userOrders;

    @GET
    @Path("{id}/orders")
    public CompletionStage<Response> userOrders(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        return userOrders.fetch(USER_ORDERS_SEED, id, CallContext.of(headers, security));
    }
}

package dev.portico.api;

import static dev.portico.route.CodedRoutes.USER_ORDERS_V2;

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

/**
 * {@code GET /api/v2/users/{id}/orders}: the v2 shape, line items enriched with product details.
 * (JAX-RS matches root paths first: this class owns /api/v2/users/{id}/orders only, so its root
 * path is that whole template and declared routes may use the rest of /api/v2/users.)
 */
@Path("/api/v2/users/{id}/orders")
@ApplicationScoped
public class UserResourceV2 {
    @Inject
    UserOrders userOrders;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> userOrders(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        return userOrders.fetchWithProducts(USER_ORDERS_V2, id, CallContext.of(headers, security));
    }
}

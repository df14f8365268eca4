package dev.portico.api;

import static dev.portico.route.CodedRoutes.USER_ORDERS;
import static dev.portico.route.CodedRoutes.USER_ORDERS_SEED;

import dev.portico.aggregate.Aggregator;
import dev.portico.aggregate.Part;
import dev.portico.backend.CallContext;
import dev.portico.backend.OrderBackend;
import dev.portico.backend.UserBackend;
import dev.portico.config.GatewayConfig;
import dev.portico.graphql.GraphQLResults;
import dev.portico.route.Route;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The seed's flow: a user and that user's orders, fetched in parallel and combined. */
@Path("/api")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class UserOrdersResource {
    static final String COMPLETE_HEADER = "Portico-Complete";
    static final String ORDERS_QUERY = "query Orders($userId: ID!) { orders(userId: $userId) "
            + "{ id userId status items { productId productName quantity } } }";

    @Inject
    GatewayConfig config;
    @Inject
    UserBackend users;
    @Inject
    OrderBackend orders;

    @GET
    @Path("user/{id}/orders")
    @Route(USER_ORDERS_SEED)
    public CompletionStage<Response> seed(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        return userOrders(USER_ORDERS_SEED, id, CallContext.of(headers, security));
    }

    @GET
    @Path("v1/users/{id}/orders")
    @Route(USER_ORDERS)
    public CompletionStage<Response> v1(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        return userOrders(USER_ORDERS, id, CallContext.of(headers, security));
    }

    private CompletionStage<Response> userOrders(String route, String id, CallContext ctx) {
        Ids.require("id", id);
        // Both calls start here, before either is awaited: they run in parallel on MP FT's executor.
        Part user = Part.required("user", "users",
                users.user(id, ctx).thenApply(reply -> Responses.json("users", reply)));
        Part userOrders = Part.optional("orders", "orders",
                orders.query(GraphQLResults.request(ORDERS_QUERY, Json.createObjectBuilder().add("userId", id).build()), ctx)
                        .thenApply(reply -> GraphQLResults.field("orders", reply, "orders")));
        return Aggregator.combine(List.of(user, userOrders), config.route(route).timeout())
                .handle((result, failure) -> failure != null
                        ? Responses.failure("users", failure)
                        : Response.ok(result.body().toString(), MediaType.APPLICATION_JSON_TYPE)
                                .header(COMPLETE_HEADER, String.valueOf(result.complete())).build());
    }
}

package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.aggregate.Aggregator;
import dev.portico.aggregate.Part;
import dev.portico.backend.CallContext;
import dev.portico.backend.OrderBackend;
import dev.portico.backend.UserBackend;
import dev.portico.config.GatewayConfig;
import dev.portico.graphql.GraphQLResults;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A user and that user's orders, fetched in parallel and combined as {@code {"user", "orders"}}.
 * The user is required; the orders are optional (their failure gives a partial 200).
 */
@ApplicationScoped
public class UserOrders {
    static final String COMPLETE_HEADER = "Portico-Complete";

    @Inject
    GatewayConfig config;
    @Inject
    UserBackend users;
    @Inject
    OrderBackend orders;

    CompletionStage<Response> fetch(String route, String id, CallContext ctx) {
        Ids.require("id", id);
        // Both calls start here, before either is awaited: they run in parallel on MP FT's executor.
        Part user = Part.required("user", "users",
                users.user(id, ctx).thenApply(reply -> Responses.json("users", reply)));
        Part userOrders = Part.optional("orders", "orders",
                orders.query(GraphQLResults.request(OrdersResource.QUERY, JSON.createObjectBuilder().add("userId", id).build()), ctx)
                        .thenApply(reply -> GraphQLResults.field("orders", reply, "orders")));
        return Aggregator.combine(List.of(user, userOrders), config.route(route).timeout())
                .handle((result, failure) -> failure != null
                        ? Responses.failure("users", failure)
                        : Response.ok(result.body().toString(), MediaType.APPLICATION_JSON_TYPE)
                                .header(COMPLETE_HEADER, String.valueOf(result.complete())).build());
    }
}

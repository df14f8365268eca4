package dev.portico.api;

import static dev.portico.json.Jsons.JSON;
import static dev.portico.route.CodedRoutes.USER_ORDERS;
import static dev.portico.route.CodedRoutes.USER_ORDERS_SEED;
import static dev.portico.route.CodedRoutes.USER_ORDERS_V2;

import dev.portico.aggregate.Aggregator;
import dev.portico.aggregate.Part;
import dev.portico.backend.CallContext;
import dev.portico.backend.Calls;
import dev.portico.backend.Deadline;
import dev.portico.backend.Failures;
import dev.portico.backend.ProductBackend;
import dev.portico.filter.Exchange;
import dev.portico.filter.RouteHandler;
import dev.portico.graphql.GraphQLResults;
import dev.portico.grpc.ProductJson;
import dev.portico.proto.product.ListProductsResponse;
import dev.portico.proto.product.Product;
import dev.portico.reply.Reply;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The user-orders routes (seed, v1, v2; SPEC §2): a user and that user's orders, fetched in parallel and
 * combined as {@code {"user", "orders"}}. The user is required; the orders are optional (their failure
 * gives a partial 200). In v2 each line item also carries its product, looked up over gRPC once the
 * orders are known. Served in the servlet layer, like the declared routes: the orders are fetched on a
 * part thread while the request's own thread fetches the user.
 */
@Dependent
public class UserOrders implements RouteHandler {
    /** The routes this handler serves. */
    static final Set<String> ROUTES = Set.of(USER_ORDERS_SEED, USER_ORDERS, USER_ORDERS_V2);

    @Inject
    Calls calls;
    @Inject
    ProductBackend products;

    @Override
    public Reply handle(Exchange exchange) {
        Aggregator.Result result = combine(exchange);
        return Reply.json(200, result.body()).complete(result.complete());
    }

    private Aggregator.Result combine(Exchange exchange) {
        String route = exchange.route().id();
        String id = Ids.require("id", exchange.params().get("id"));
        CallContext ctx = exchange.callContext();
        // One deadline from the request's start: the user call, the orders, the products they need.
        Deadline deadline = Deadline.of(exchange.startedNanos(), exchange.route().policy().timeout());
        // The orders start first, on a part thread; the user is fetched meanwhile on this one.
        String query = GraphQLResults.request(OrdersResource.QUERY,
                JSON.createObjectBuilder().add("userId", id).build());
        CompletableFuture<JsonValue> orders = calls.send("orders", "POST", "", query, ctx, deadline)
                .thenApply(reply -> GraphQLResults.field("orders", reply, "orders"))
                .thenCompose(list -> route.equals(USER_ORDERS_V2)
                        ? withProducts(list.asJsonArray(), ctx, deadline) : CompletableFuture.completedFuture(list));
        CompletableFuture<JsonValue> user;
        try {
            user = CompletableFuture.completedFuture(
                    Responses.json("users", calls.call("users", "GET", "/users/" + id, null, ctx, deadline)));
        } catch (RuntimeException e) {
            user = CompletableFuture.failedFuture(e);
        }
        try {
            List<Part> parts = List.of(Part.required("user", "users", user), Part.optional("orders", "orders", orders));
            return Aggregator.combine(parts, deadline.remaining()).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw Failures.toProblem("users", e);
        }
    }

    private CompletionStage<JsonValue> withProducts(JsonArray orderList, CallContext ctx, Deadline deadline) {
        Set<String> ids = orderList.stream()
                .flatMap(o -> o.asJsonObject().getJsonArray("items").stream())
                .map(i -> i.asJsonObject().getString("productId"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(orderList);
        }
        return products.products(List.copyOf(ids), ctx, deadline).thenApply(found -> enrich(orderList, byId(found)));
    }

    private static Map<String, JsonObject> byId(ListProductsResponse found) {
        return found.getProductsList().stream().collect(Collectors.toMap(Product::getId, ProductJson::object));
    }

    private static JsonArray enrich(JsonArray orderList, Map<String, JsonObject> productsById) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (JsonValue order : orderList) {
            JsonArrayBuilder items = JSON.createArrayBuilder();
            for (JsonValue item : order.asJsonObject().getJsonArray("items")) {
                JsonObject product = productsById.get(item.asJsonObject().getString("productId"));
                items.add(product == null ? item
                        : JSON.createObjectBuilder(item.asJsonObject()).add("product", product).build());
            }
            out.add(JSON.createObjectBuilder(order.asJsonObject()).add("items", items).build());
        }
        return out.build();
    }
}

package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.aggregate.Aggregator;
import dev.portico.aggregate.Part;
import dev.portico.backend.CallContext;
import dev.portico.backend.Calls;
import dev.portico.backend.ProductBackend;
import dev.portico.config.GatewayConfig;
import dev.portico.graphql.GraphQLResults;
import dev.portico.grpc.ProductJson;
import dev.portico.proto.product.ListProductsResponse;
import dev.portico.proto.product.Product;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user and that user's orders, fetched in parallel and combined as {@code {"user", "orders"}}.
 * The user is required; the orders are optional (their failure gives a partial 200). In v2 each
 * line item also carries its product, looked up over gRPC once the orders are known.
 */
@ApplicationScoped
public class UserOrders {
    static final String COMPLETE_HEADER = "Portico-Complete";

    @Inject
    GatewayConfig config;
    @Inject
    Calls calls;
    @Inject
    ProductBackend products;

    CompletionStage<Response> fetch(String route, String id, CallContext ctx) {
        return combine(route, id, ctx, CompletableFuture::completedFuture);
    }

    /** v2: orders enriched with product details (a dependent call, inside the orders part's deadline). */
    CompletionStage<Response> fetchWithProducts(String route, String id, CallContext ctx) {
        Duration deadline = config.route(route).timeout();
        return combine(route, id, ctx, list -> withProducts(list.asJsonArray(), ctx, deadline));
    }

    private CompletionStage<Response> combine(String route, String id, CallContext ctx,
            Function<JsonValue, CompletionStage<JsonValue>> enrich) {
        Ids.require("id", id);
        Duration deadline = config.route(route).timeout();
        // Both calls start here, before either is awaited: they run in parallel on managed threads.
        Part user = Part.required("user", "users",
                calls.send("users", "GET", "/users/" + id, null, ctx, deadline).thenApply(reply -> Responses.json("users", reply)));
        Part userOrders = Part.optional("orders", "orders",
                calls.send("orders", "POST", "", GraphQLResults.request(OrdersResource.QUERY,
                                JSON.createObjectBuilder().add("userId", id).build()), ctx, deadline)
                        .thenApply(reply -> GraphQLResults.field("orders", reply, "orders"))
                        .thenCompose(enrich));
        return Aggregator.combine(List.of(user, userOrders), deadline)
                .handle((result, failure) -> failure != null
                        ? Responses.failure("users", failure)
                        : Response.ok(result.body().toString(), MediaType.APPLICATION_JSON_TYPE)
                                .header(COMPLETE_HEADER, String.valueOf(result.complete())).build());
    }

    private CompletionStage<JsonValue> withProducts(JsonArray orderList, CallContext ctx, Duration deadline) {
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

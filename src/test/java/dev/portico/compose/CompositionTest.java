package dev.portico.compose;

import static dev.portico.json.Jsons.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.problem.GatewayException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CompositionTest {
    private static final Call REST = new Call("users", Call.Kind.REST, Template.parse("/u"), null, null, Map.of(),
            FieldPath.ROOT);
    private static final Part USER = new Part("user", REST, true, FieldPath.parse("user"), List.of(), null, null);
    private static final Part ORDERS = new Part("orders", REST, false, FieldPath.parse("orders"), List.of(), null, null);
    private static final Part PRODUCTS = new Part("products", REST, false, FieldPath.parse("product"), List.of("orders"),
            FieldPath.parse("orders[].items[].productId"), "id");

    private static JsonValue json(String text) {
        return JSON.createReader(new StringReader(text)).readValue();
    }

    private static Map<String, CompletableFuture<JsonValue>> outcomes(Object... pairs) {
        Map<String, CompletableFuture<JsonValue>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1] instanceof Throwable t ? CompletableFuture.failedFuture(t)
                    : pairs[i + 1] == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(json((String) pairs[i + 1])));
        }
        return map;
    }

    @Test
    void everyPartGoesUnderItsMember() {
        Composition.Result r = Composition.combine(List.of(USER, ORDERS), outcomes("user", "{\"id\":\"1\"}", "orders", "[]"));
        assertTrue(r.complete());
        assertEquals("{\"user\":{\"id\":\"1\"},\"orders\":[]}", r.body().toString());
    }

    @Test
    void aFailedOptionalPartIsListedAndTheRestAnswered() {
        Composition.Result r = Composition.combine(List.of(USER, ORDERS), outcomes("user", "{\"id\":\"1\"}",
                "orders", new GatewayException(503, "Service Unavailable", "x")));
        assertFalse(r.complete());
        assertEquals("{\"part\":\"orders\",\"status\":503,\"title\":\"Service Unavailable\"}",
                r.body().getJsonArray("errors").get(0).toString());
    }

    @Test
    void aRequiredFailureOrEveryPartFailedFailsTheWhole() {
        assertEquals(404, assertThrows(GatewayException.class, () -> Composition.combine(List.of(USER, ORDERS),
                outcomes("user", new GatewayException(404, "Not Found", "x"), "orders", "[]"))).status());
        assertEquals(504, assertThrows(GatewayException.class, () -> Composition.combine(List.of(ORDERS),
                outcomes("orders", null))).status(), "a part not done by the deadline has timed out");
    }

    @Test
    void collectedResultsArePutBesideEveryValueTheyMatch() {
        JsonValue orders = json("[{\"items\":[{\"productId\":\"1\"},{\"productId\":\"2\"}]},{\"items\":[{\"productId\":\"1\"}]}]");
        assertEquals("[\"1\",\"2\"]", Composition.collect(PRODUCTS, Map.of("orders", orders)).toString());
        Composition.Result r = Composition.combine(List.of(ORDERS, PRODUCTS), outcomes("orders", orders.toString(),
                "products", "[{\"id\":\"1\",\"name\":\"A\"}]"));
        JsonObject first = r.body().getJsonArray("orders").getJsonObject(0);
        assertEquals("A", first.getJsonArray("items").getJsonObject(0).getJsonObject("product").getString("name"));
        assertFalse(first.getJsonArray("items").getJsonObject(1).containsKey("product"), "no match, left as it was");
        assertEquals("A", r.body().getJsonArray("orders").getJsonObject(1).getJsonArray("items").getJsonObject(0)
                .getJsonObject("product").getString("name"));
    }

    @Test
    void aRootPartIsMergedAndAMissingResultIsTheBackendsFault() {
        Part root = new Part("all", REST, true, FieldPath.ROOT, List.of(), null, null);
        assertEquals("{\"a\":1}", Composition.combine(List.of(root), outcomes("all", "{\"a\":1}")).body().toString());
        Call call = new Call("b", Call.Kind.REST, Template.parse("/"), null, null, Map.of(), FieldPath.parse("x"));
        assertEquals(502, assertThrows(GatewayException.class, () -> Composition.result(call, json("{}"))).status());
    }
}

package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.compose.Call;
import dev.portico.compose.Part;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a route is handled, read from its keys, and every way start-up refuses a bad one. */
class HandlingReaderTest {

    /** Three backends (one per protocol) and one route {@code r} on {@code /api/u/{id}} with these keys. */
    private static Map<String, String> keys(String... pairs) {
        Map<String, String> values = new HashMap<>(Map.of(
                "portico.backends", "users,products,orders",
                "portico.backend.users.urls", "http://127.0.0.1:1",
                "portico.backend.products.urls", "http://127.0.0.1:2",
                "portico.backend.products.protocol", "grpc",
                "portico.backend.orders.urls", "http://127.0.0.1:3/graphql",
                "portico.backend.orders.protocol", "graphql",
                "portico.routes", "r",
                "portico.route.r.path", "/api/u/{id}"));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private static GatewayRoute read(Map<String, String> values) {
        ConfigReader reader = new ConfigReader(key -> Optional.ofNullable(values.get(key)));
        return reader.declaredRoutes(reader.backends(), Set.of()).get(0);
    }

    private static void refused(String key, String... pairs) {
        ConfigException e = assertThrows(ConfigException.class, () -> read(keys(pairs)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void aRestBackendWithoutCallKeysIsForwarded() {
        Handling.Forward forward = (Handling.Forward) read(keys("portico.route.r.backend", "users")).handling();
        assertEquals("users", forward.backend());
        assertEquals("/api/u/{id}", forward.backendPath().toString());
    }

    @Test
    void aCatchAllRouteForwardsThePathUnchanged() {
        Handling.Forward forward = (Handling.Forward) read(keys("portico.route.r.backend", "users",
                "portico.route.r.path", "/**")).handling();
        assertEquals("/", forward.backendPath().toString());
    }

    @Test
    void cacheKeysTurnCachingOnAndAreChecked() {
        ConfigReader reader = new ConfigReader(key -> Optional.ofNullable(keys("portico.route.r.backend", "users",
                "portico.route.r.cache-ttl", "30s", "portico.route.r.cache.stale-if-error", "5m").get(key)));
        dev.portico.cache.CacheRules rules = reader.declaredRoutes(reader.backends(), Set.of()).get(0).policy().cache();
        assertEquals(java.time.Duration.ofSeconds(30), rules.ttl());
        assertEquals(java.time.Duration.ofMinutes(5), rules.staleIfError());
        assertEquals(java.time.Duration.ZERO, rules.staleWhileRevalidate());
        assertEquals(null, read(keys("portico.route.r.backend", "users")).policy().cache(), "off by default");
        assertEquals(null, read(keys("portico.route.r.backend", "users", "portico.route.r.cache", "off",
                "portico.route.r.cache-ttl", "30s")).policy().cache(), "off wins");
        refused("portico.route.r.cache", "portico.route.r.backend", "users", "portico.route.r.cache", "maybe");
        refused("portico.route.r.cache-ttl", "portico.route.r.backend", "users", "portico.route.r.cache-ttl", "2h");
        refused("portico.route.r.cache.stale-if-error", "portico.route.r.backend", "users",
                "portico.route.r.cache", "on", "portico.route.r.cache.stale-if-error", "soon");
    }

    @Test
    void aGrpcBackendIsTranslatedWithThePathParametersAsTheRequest() {
        Handling.Compose c = (Handling.Compose) read(keys("portico.route.r.backend", "products",
                "portico.route.r.grpc.method", "shop.v1.Products/Get")).handling();
        assertFalse(c.aggregate());
        Call call = c.parts().get(0).call();
        assertEquals(Call.Kind.GRPC, call.kind());
        assertEquals("shop.v1.Products/Get", call.method());
        assertEquals(Set.of("id"), call.args().keySet());
        assertEquals(200, c.status());
    }

    @Test
    void aGraphqlRouteHasItsQueryArgumentsResultAndStatus() {
        Handling.Compose c = (Handling.Compose) read(keys("portico.route.r.backend", "orders",
                "portico.route.r.graphql.query", "mutation M($i: In!) { make(input: $i) { id } }",
                "portico.route.r.args", "i", "portico.route.r.arg.i", "{body}",
                "portico.route.r.result", "make", "portico.route.r.status", "201")).handling();
        Call call = c.parts().get(0).call();
        assertEquals(Call.Kind.GRAPHQL, call.kind());
        assertEquals("{body}", call.args().get("i").toString());
        assertEquals("make", call.result().toString());
        assertEquals(201, c.status());
    }

    @Test
    void partsComeInDependencyOrderWithTheirKeys() {
        Handling.Compose c = (Handling.Compose) read(keys("portico.route.r.parts", "products,user,orders",
                "portico.route.r.part.user.backend", "users", "portico.route.r.part.user.path", "/users/{id}",
                "portico.route.r.part.orders.backend", "orders", "portico.route.r.part.orders.graphql.query", "{ x }",
                "portico.route.r.part.orders.required", "false",
                "portico.route.r.part.products.backend", "products",
                "portico.route.r.part.products.grpc.method", "p.P/List",
                "portico.route.r.part.products.after", "orders",
                "portico.route.r.part.products.collect", "orders[].items[].productId",
                "portico.route.r.part.products.args", "ids", "portico.route.r.part.products.arg.ids", "{collected}",
                "portico.route.r.part.products.into", "product")).handling();
        assertTrue(c.aggregate());
        assertEquals(List.of("orders", "products", "user"), c.parts().stream().map(Part::name).toList());
        Part products = c.parts().get(1);
        assertTrue(products.collecting());
        assertEquals("id", products.match());
        assertEquals("product", products.into().toString());
        assertFalse(c.parts().get(0).required());
        assertEquals("user", c.parts().get(2).into().toString());
    }

    @Test
    void everyMistakeFailsStartUpNamingItsKey() {
        refused("portico.route.r.backend", "portico.route.r.backend", "nobody");
        refused("portico.route.r.grpc.method", "portico.route.r.backend", "products");
        refused("portico.route.r.grpc.method", "portico.route.r.backend", "products", "portico.route.r.grpc.method", "Get");
        refused("portico.route.r.graphql.query", "portico.route.r.backend", "orders");
        refused("portico.route.r.status", "portico.route.r.backend", "users", "portico.route.r.status", "404");
        refused("portico.route.r.body-check", "portico.route.r.backend", "users", "portico.route.r.body-check", "xml");
        refused("portico.route.r.part.a.backend", "portico.route.r.parts", "a");
        refused("portico.route.r.part.a.path", "portico.route.r.parts", "a", "portico.route.r.part.a.backend", "users");
        refused("portico.route.r.part.a.path", "portico.route.r.parts", "a", "portico.route.r.part.a.backend", "users",
                "portico.route.r.part.a.path", "/users/{name}");
        refused("portico.route.r.part.a.path", "portico.route.r.parts", "a", "portico.route.r.part.a.backend", "users",
                "portico.route.r.part.a.path", "/users/{id");
        refused("portico.route.r.part.a.arg.x", "portico.route.r.parts", "a", "portico.route.r.part.a.backend", "orders",
                "portico.route.r.part.a.graphql.query", "{ x }", "portico.route.r.part.a.args", "x",
                "portico.route.r.part.a.arg.x", "{collected}");
        refused("portico.route.r.part.a.after", "portico.route.r.parts", "a", "portico.route.r.part.a.backend", "users",
                "portico.route.r.part.a.path", "/u", "portico.route.r.part.a.after", "b");
        refused("portico.route.r.part.a.into", "portico.route.r.parts", "a", "portico.route.r.part.a.backend", "users",
                "portico.route.r.part.a.path", "/u", "portico.route.r.part.a.into", "x[].y");
        refused("portico.route.r.part.b.collect", "portico.route.r.parts", "a,b",
                "portico.route.r.part.a.backend", "users", "portico.route.r.part.a.path", "/u",
                "portico.route.r.part.b.backend", "users", "portico.route.r.part.b.path", "/p?ids={collected}",
                "portico.route.r.part.b.collect", "elsewhere[].id", "portico.route.r.part.b.after", "a");
        refused("portico.route.r.backend", "portico.route.r.parts", "a", "portico.route.r.backend", "users");
    }

    @Test
    void aCircleOfPartsIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(keys("portico.route.r.parts", "a,b",
                "portico.route.r.part.a.backend", "users", "portico.route.r.part.a.path", "/a",
                "portico.route.r.part.a.after", "b",
                "portico.route.r.part.b.backend", "users", "portico.route.r.part.b.path", "/b",
                "portico.route.r.part.b.after", "a")));
        assertTrue(e.getMessage().contains("portico.route.r.parts") && e.getMessage().contains("a → b → a"), e.getMessage());
    }
}

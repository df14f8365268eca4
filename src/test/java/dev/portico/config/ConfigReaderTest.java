package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.cache.CacheLimits;
import dev.portico.config.BackendDefinition.Protocol;
import dev.portico.config.RouteDefinition.Auth;
import dev.portico.route.GatewayRoute;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private static final RouteDefinition USER = RouteDefinition.of("user", Auth.JWT, Set.of("user"), "id");

    private static ConfigReader reader(Map<String, String> values) {
        return new ConfigReader(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void readsBackendsWithDefaults() {
        Map<String, BackendDefinition> backends = reader(Map.of(
                "portico.backends", "users, products",
                "portico.backend.users.urls", "http://127.0.0.1:1/users,http://127.0.0.1:2/users",
                "portico.backend.users.timeout", "750ms",
                "portico.backend.products.urls", "http://127.0.0.1:3",
                "portico.backend.products.protocol", "grpc")).backends();

        BackendDefinition users = backends.get("users");
        assertEquals(List.of(URI.create("http://127.0.0.1:1/users"), URI.create("http://127.0.0.1:2/users")), users.urls());
        assertEquals(Protocol.REST, users.protocol());
        assertEquals(Duration.ofMillis(750), users.timeout());
        assertEquals(ConfigReader.DEFAULT_CONNECT_TIMEOUT, users.connectTimeout());
        assertEquals(Protocol.GRPC, backends.get("products").protocol());
        assertEquals(ConfigReader.DEFAULT_TIMEOUT, backends.get("products").timeout());
    }

    @Test
    void aBadValueNamesItsKey() {
        assertMessage(Map.of("portico.backends", "users"), "portico.backend.users.urls");
        assertMessage(Map.of("portico.backends", "users", "portico.backend.users.urls", "ftp://x"),
                "portico.backend.users.urls");
        assertMessage(Map.of("portico.backends", "users", "portico.backend.users.urls", "http://h:1",
                "portico.backend.users.protocol", "soap"), "portico.backend.users.protocol");
        assertMessage(Map.of("portico.backends", "users", "portico.backend.users.urls", "http://h:1",
                "portico.backend.users.timeout", "2 seconds"), "portico.backend.users.timeout");
        assertMessage(Map.of("portico.backends", "Users!"), "portico.backends");
    }

    private static void assertMessage(Map<String, String> values, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> reader(values).backends());
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void theClusterIsAMemberByDefaultOrAClientOfListedMembers() {
        ClusterDefinition alone = reader(Map.of()).cluster();
        assertEquals(ClusterDefinition.Mode.MEMBER, alone.mode());
        assertEquals("portico", alone.name());
        ClusterDefinition client = reader(Map.of("portico.cluster.mode", "client", "portico.cluster.members", "10.0.0.1:5701",
                "portico.cluster.name", "prod-gw")).cluster();
        assertTrue(client.client());
        assertEquals(List.of("10.0.0.1:5701"), client.members());
        assertEquals("prod-gw", client.name());
        ConfigException noMembers = assertThrows(ConfigException.class,
                () -> reader(Map.of("portico.cluster.mode", "client")).cluster());
        assertTrue(noMembers.getMessage().contains("portico.cluster.members"), noMembers.getMessage());
        ConfigException mode = assertThrows(ConfigException.class, () -> reader(Map.of("portico.cluster.mode", "lite")).cluster());
        assertTrue(mode.getMessage().contains("portico.cluster.mode"), mode.getMessage());
        ConfigException name = assertThrows(ConfigException.class, () -> reader(Map.of("portico.cluster.name", "a b")).cluster());
        assertTrue(name.getMessage().contains("portico.cluster.name"), name.getMessage());
    }

    @Test
    void theCacheIsBoundedInEntriesAndBytes() {
        CacheLimits defaults = reader(Map.of()).cacheLimits();
        assertEquals(new CacheLimits(10_000, 1 << 20, 32L << 20), defaults);
        assertEquals(new CacheLimits(500, 64 << 10, 8L << 20), reader(Map.of("portico.cache.max-entries", "500",
                "portico.cache.max-object-size", "64KiB", "portico.cache.max-size", "8MiB")).cacheLimits());
        ConfigException small = assertThrows(ConfigException.class,
                () -> reader(Map.of("portico.cache.max-size", "512KiB")).cacheLimits());
        assertTrue(small.getMessage().contains("portico.cache.max-size"), small.getMessage());
    }

    @Test
    void routePoliciesOverrideTheCodedDefaults() {
        RouteDefinition route = reader(Map.of(
                "portico.route.user.auth", "none",
                "portico.route.user.roles", "admin, ops",
                "portico.route.user.owner-param", "",
                "portico.route.user.timeout", "5s")).route(USER);

        assertEquals(Auth.NONE, route.auth());
        assertEquals(Set.of("admin", "ops"), route.roles());
        assertNull(route.ownerParam());
        assertEquals(Duration.ofSeconds(5), route.timeout());
    }

    @Test
    void unsetRoutePoliciesKeepTheDefaults() {
        assertEquals(USER, reader(Map.of()).route(USER));
    }

    @Test
    void readsDeclaredRoutes() {
        Map<String, String> values = new java.util.HashMap<>(Map.of(
                "portico.backends", "things",
                "portico.backend.things.urls", "http://127.0.0.1:1",
                "portico.backend.things.load-balancer", "least-requests",
                "portico.routes", "thing, all",
                "portico.route.thing.path", "/api/v1/things/{id}",
                "portico.route.thing.backend", "things",
                "portico.route.thing.backend-path", "/t/{id}",
                "portico.route.thing.sunset", "2027-06-30",
                "portico.route.thing.max-body", "64KiB"));
        values.putAll(Map.of("portico.route.all.path", "/api/v1/all/**", "portico.route.all.backend", "things",
                "portico.route.all.methods", "GET,POST", "portico.route.all.auth", "none"));
        ConfigReader reader = reader(values);
        Map<String, BackendDefinition> backends = reader.backends();
        List<GatewayRoute> routes = reader.declaredRoutes(backends, Set.of("user"));

        assertEquals(BackendDefinition.Balancing.LEAST_REQUESTS, backends.get("things").loadBalancer());
        GatewayRoute thing = routes.get(0);
        assertEquals(Set.of("GET", "HEAD"), thing.methods());
        assertEquals(Auth.JWT, thing.policy().auth());
        assertEquals(java.time.LocalDate.of(2027, 6, 30), thing.policy().sunset());
        assertEquals(64 * 1024, thing.policy().maxBody());
        assertEquals("/t/{id}", thing.backendPath().toString());
        assertEquals("/api/v1/all", routes.get(1).backendPath().toString());
        assertEquals(Auth.NONE, routes.get(1).policy().auth());
    }

    @Test
    void aBadDeclaredRouteNamesItsKey() {
        Map<String, String> base = Map.of("portico.backends", "things", "portico.backend.things.urls", "http://h:1",
                "portico.routes", "r", "portico.route.r.path", "/a/{id}", "portico.route.r.backend", "things");
        assertRouteMessage(base, "portico.route.r.backend", "nope");
        assertRouteMessage(base, "portico.route.r.path", "no-slash");
        assertRouteMessage(base, "portico.route.r.backend-path", "/b/{other}");
        assertRouteMessage(base, "portico.route.r.methods", "get");
        assertRouteMessage(base, "portico.route.r.sunset", "next year");
        assertRouteMessage(base, "portico.route.r.max-body", "lots");
        assertRouteMessage(base, "portico.backend.things.retries", "-1");
        assertRouteMessage(base, "portico.backend.things.forward-token", "yes");
        ConfigException builtin = assertThrows(ConfigException.class, () -> reader(Map.of("portico.routes", "admin-routes"))
                .declaredRoutes(Map.of(), Set.of("admin-routes")));
        assertTrue(builtin.getMessage().contains("gateway's own routes"), builtin.getMessage());
    }

    @Test
    void readsATransformationIntoItsCompiledForm() {
        Map<String, String> values = new java.util.HashMap<>(Map.of("portico.backends", "things",
                "portico.backend.things.urls", "http://h:1", "portico.routes", "r", "portico.route.r.path", "/a/{id}",
                "portico.route.r.backend", "things"));
        values.putAll(Map.of("portico.route.r.request-headers.set", "X-Tenant: acme, X-Item: {id}",
                "portico.route.r.request-headers.remove", "Cookie",
                "portico.route.r.response-headers.remove", "Server",
                "portico.route.r.response.allow", "user.id, orders[].id",
                "portico.route.r.response.rename", "orders:purchases",
                "portico.route.r.client.iot.allow", "purchases[].id",
                "portico.route.r.fields", "on"));
        ConfigReader reader = reader(values);
        dev.portico.transform.Transformation t = reader.declaredRoutes(reader.backends(), Set.of()).get(0).policy().transform();
        assertEquals(List.of("Accept-Encoding", "Range", "If-Range", "Cookie"), t.request().remove(),
                "body rules ask for whole, unencoded JSON");
        assertEquals(2, t.request().set().size());
        assertEquals(List.of("Server"), t.response().remove());
        assertTrue(t.body().fields());
        assertEquals(Set.of("iot"), t.body().clients().keySet());
        assertEquals("(orders(id),user(id))", t.body().allow().toString());
        assertTrue(reader(Map.of()).route(USER).transform().none());
    }

    @Test
    void aBadRuleNamesItsKey() {
        Map<String, String> base = Map.of("portico.backends", "things", "portico.backend.things.urls", "http://h:1",
                "portico.routes", "r", "portico.route.r.path", "/a/{id}", "portico.route.r.backend", "things");
        assertRouteMessage(base, "portico.route.r.response.allow", "user..id");
        assertRouteMessage(base, "portico.route.r.response.deny", "orders[.id");
        assertRouteMessage(base, "portico.route.r.response.rename", "user.name");
        assertRouteMessage(base, "portico.route.r.response.rename", "user.name:other.name");
        assertRouteMessage(base, "portico.route.r.response.rename", "a:b, c:b");
        assertRouteMessage(base, "portico.route.r.client.mobile.deny", "a b");
        assertRouteMessage(base, "portico.route.r.request-headers.set", "X-Who: {nobody}");
        assertRouteMessage(base, "portico.route.r.request-headers.set", "Host: evil");
        assertRouteMessage(base, "portico.route.r.request-headers.remove", "Bad Name");
        assertRouteMessage(base, "portico.route.r.response-headers.set", "X-A");
        assertRouteMessage(base, "portico.route.r.fields", "sometimes");
    }

    @Test
    void aKeyNothingReadsIsRefusedNamingTheNearestKnownOne() {
        Map<String, String> values = new java.util.HashMap<>(Map.of("portico.backends", "things",
                "portico.backend.things.urls", "http://h:1", "portico.routes", "user-orders, user",
                "portico.route.user.path", "/u/{id}", "portico.route.user.backend", "things",
                "portico.route.user-orders.path", "/u/{id}/orders", "portico.route.user-orders.backend", "things"));
        values.put("portico.route.user.cors.methods", "GET"); // read only with cors.origins: known, not refused
        values.put("portico.route.gone.pth", "/x"); // not a configured route: not this check's business
        assertEquals(null, unknownKey(values, List.of()));

        ConfigException typo = unknownKey(values, List.of("portico.route.user.cahce-ttl"));
        assertTrue(typo.getMessage().contains("portico.route.user.cahce-ttl")
                && typo.getMessage().contains("did you mean portico.route.user.cache-ttl?"), typo.getMessage());
        ConfigException env = unknownKey(values, List.of("PORTICO_ROUTE_USER_ORDERS_CACHE_TLL"));
        assertTrue(env.getMessage().contains("PORTICO_ROUTE_USER_ORDERS_CACHE_TTL, that is portico.route.user-orders.cache-ttl"),
                env.getMessage());
        ConfigException client = unknownKey(values, List.of("portico.route.user.client.tablet.allow"));
        assertTrue(client.getMessage().contains("client.tablet.allow"), client.getMessage());
        assertTrue(unknownKey(values, List.of("portico.backend.things.retires")).getMessage()
                .contains("did you mean portico.backend.things.retries?"));
        assertEquals(null, unknownKey(values, List.of("PORTICO_ROUTE_USER_ORDERS_PATH", "PORTICO_BACKEND_THINGS_TIMEOUT",
                "PORTICO_ROUTES", "OTHER_VARIABLE", "portico.route.user-orders.backend.path")),
                "Liberty lists PORTICO_ROUTE_USER_ORDERS_BACKEND_PATH also as portico.route.user.orders.backend.path");
        assertTrue(unknownKey(values, List.of("portico.route.user.orders.backend.pth")).getMessage()
                .contains("did you mean portico.route.user-orders.backend-path?"));
    }

    private static ConfigException unknownKey(Map<String, String> values, List<String> extra) {
        Map<String, String> all = new java.util.HashMap<>(values);
        extra.forEach(k -> all.put(k, "x"));
        ConfigReader reader = reader(all);
        List<GatewayRoute> routes = reader.declaredRoutes(reader.backends(), Set.of());
        try {
            reader.refuseUnknownKeys(all.keySet(), routes.stream().map(GatewayRoute::id).toList());
            return null;
        } catch (ConfigException e) {
            return e;
        }
    }

    private static void assertRouteMessage(Map<String, String> base, String key, String value) {
        Map<String, String> values = new java.util.HashMap<>(base);
        values.put(key, value);
        ConfigReader reader = reader(values);
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader.declaredRoutes(reader.backends(), Set.of()));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void aBadRoutePolicyNamesItsKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> reader(Map.of("portico.route.user.auth", "basic")).route(USER));
        assertTrue(e.getMessage().contains("portico.route.user.auth"), e.getMessage());
    }

    private static final Map<String, String> JWT = Map.of("mp.jwt.verify.issuer", "https://idp", "mp.jwt.verify.audiences",
            "portico, other", "mp.jwt.verify.publickey.location", "https://idp/certs");

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new java.util.HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }

    private static void assertKey(Runnable read, String key) {
        ConfigException e = assertThrows(ConfigException.class, read::run);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void readsJwtSettingsWithSafeDefaults() {
        JwtDefinition jwt = reader(JWT).jwt();

        assertEquals(Set.of("portico", "other"), jwt.audiences());
        assertEquals(Duration.ofSeconds(60), jwt.clockSkew());
        assertEquals(8192, jwt.maxTokenBytes());
        assertEquals(Duration.ofSeconds(30), jwt.cooldown());
        assertTrue(jwt.maxStale().compareTo(jwt.refresh()) > 0);
    }

    @Test
    void badJwtSettingsNameTheirKey() {
        assertKey(() -> reader(with(JWT, "mp.jwt.verify.clock.skew", "300")).jwt(), "mp.jwt.verify.clock.skew");
        assertKey(() -> reader(with(JWT, "mp.jwt.verify.publickey.location", "ldap://x")).jwt(),
                "mp.jwt.verify.publickey.location");
        assertKey(() -> reader(Map.of("mp.jwt.verify.issuer", "i", "mp.jwt.verify.audiences", "a")).jwt(),
                "mp.jwt.verify.publickey.location");
        assertKey(() -> reader(with(JWT, "portico.jwt.jwks.max-stale", "1m")).jwt(), "portico.jwt.jwks.max-stale");
        assertKey(() -> reader(with(JWT, "portico.jwt.max-token-bytes", "1MiB")).jwt(), "portico.jwt.max-token-bytes");
    }

    @Test
    void corsIsOffUntilOriginsAreSetAndThenChecked() {
        assertNull(reader(Map.of()).route(USER).cors());
        CorsDefinition cors = reader(Map.of("portico.route.user.cors.origins", "https://App.example, http://localhost:3000"))
                .route(USER).cors();
        assertEquals(Set.of("https://app.example", "http://localhost:3000"), cors.origins());
        assertEquals(Duration.ofMinutes(10), cors.maxAge());
        assertKey(() -> reader(Map.of("portico.route.user.cors.origins", "https://app.example/path")).route(USER),
                "portico.route.user.cors.origins");
        assertKey(() -> reader(Map.of("portico.route.user.cors.origins", "*", "portico.route.user.cors.credentials", "true"))
                .route(USER), "portico.route.user.cors.credentials");
    }

    @Test
    void aMissingTrustStoreStopsStartUpNamingTheKey() {
        assertKey(() -> reader(Map.of("portico.backends", "b", "portico.backend.b.urls", "https://h:1",
                "portico.backend.b.tls.trust-store", "/nonexistent/trust.p12")).backends(), "portico.backend.b.tls.trust-store");
    }

    @Test
    void trustedProxiesAreCidrBlocks() {
        assertEquals(List.of(), reader(Map.of()).trustedProxies());
        assertEquals(2, reader(Map.of("portico.trusted-proxies", "10.0.0.0/8, ::1")).trustedProxies().size());
        assertKey(() -> reader(Map.of("portico.trusted-proxies", "10.0.0.0/40")).trustedProxies(), "portico.trusted-proxies");
    }

    @Test
    void shutdownHasAGraceAndATimeoutWithinBounds() {
        assertEquals(new ShutdownDefinition(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30)),
                reader(Map.of()).shutdown());
        assertEquals(new ShutdownDefinition(java.time.Duration.ofMillis(500), java.time.Duration.ofMinutes(2)),
                reader(Map.of("portico.shutdown.grace", "500ms", "portico.shutdown.timeout", "2m")).shutdown());
        assertTrue(assertThrows(ConfigException.class, () -> reader(Map.of("portico.shutdown.grace", "6m")).shutdown())
                .getMessage().contains("portico.shutdown.grace"));
        assertTrue(assertThrows(ConfigException.class, () -> reader(Map.of("portico.shutdown.timeout", "soon")).shutdown())
                .getMessage().contains("portico.shutdown.timeout"));
    }
}

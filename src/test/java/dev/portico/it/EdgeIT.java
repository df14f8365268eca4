package dev.portico.it;

import static dev.portico.it.Gateway.badToken;
import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.ReferenceSystem;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the gateway decides on its own, before any backend: authentication (401), authorization
 * (403), unknown routes (404), wrong methods (405), malformed paths (400) — each an RFC 9457
 * problem, and none of these requests reaches a backend.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class EdgeIT {

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    private final ReferenceSystem backends = ReferenceBackends.system();
    private boolean backendMayBeCalled;

    @AfterEach
    void nothingReachedABackend() {
        if (!backendMayBeCalled) {
            assertEquals(0, backends.users.received().size(), "users backend was called");
            assertEquals(0, backends.orders.received().size(), "orders backend was called");
            assertEquals(0, backends.products.received().size(), "products backend was called");
        }
    }

    @Test
    void withoutATokenIsUnauthorizedWithABearerChallenge() {
        HttpResponse<String> response = get("/api/user/123/orders", null);

        assertProblem(response, 401);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "not-yet-valid", "wrong-key", "wrong-issuer", "wrong-audience", "no-exp",
            "alg-none", "hs256", "tampered"})
    void anInvalidTokenIsUnauthorized(String variant) {
        HttpResponse<String> response = get("/api/user/123/orders", badToken(variant));

        assertProblem(response, 401);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"),
                response.headers().map().toString());
        assertTrue(!response.body().contains("eyJ"), "no token contents in the problem");
    }

    @Test
    void aTokenWithoutTheRoleIsForbidden() {
        assertProblem(get("/api/user/123/orders", token("123", "guest")), 403);
    }

    @Test
    void anotherUsersDataIsForbidden() {
        assertProblem(get("/api/user/123/orders", token("124", "user")), 403);
        assertProblem(get("/api/v1/users/123", token("124", "user")), 403);
        assertProblem(get("/api/v1/orders?userId=123", token("124", "user")), 403);
    }

    @Test
    void anAdminMayReadAnyUser() {
        backendMayBeCalled = true;
        HttpResponse<String> response = get("/api/v1/users/123", token("ops", "admin"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("ops", backends.users.received().get(0).header("X-Portico-Subject"));
        assertEquals("admin", backends.users.received().get(0).header("X-Portico-Roles"));
    }

    @Test
    void productReadsArePublic() {
        backendMayBeCalled = true;
        assertEquals(200, get("/api/v1/products/1", null).statusCode());
    }

    @Test
    void anUnknownRouteIsNotFound() {
        assertProblem(get("/api/v1/nothing-here", token("123", "user")), 404);
    }

    @Test
    void aWrongMethodIsNotAllowedAndSaysWhatIs() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/users/123")
                .header("Authorization", "Bearer " + token("123", "user"))
                .DELETE());

        assertProblem(response, 405);
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"));
    }

    /**
     * Encoded dots, slashes, backslashes, NULs and broken escapes are refused by Liberty's web
     * container (Servlet 6 URI canonicalization) before any application runs: a 400 with no class
     * names or stack trace (a problem via the error page, or Liberty's one-line page for NUL and bad escapes).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/products/%2e%2e", "/api/v1/products/a%2fb", "/api/v1/products/%zz",
            "/api/v1/products/bad%00id", "/api/v1/products/a%5cb"})
    void aMalformedPathIsABadRequest(String path) throws Exception {
        String response = RawHttp.get(path);

        assertEquals(400, RawHttp.status(response), response);
        assertFalse(response.contains("com.ibm"), response);
        assertFalse(response.contains("Exception"), response);
    }

    @Test
    void ambiguousOrOversizedRequestsAreRefusedBeforeRouting() throws Exception {
        String duplicateHost = RawHttp.send("GET /api/v1/products/1 HTTP/1.1\r\nHost: a\r\nHost: b\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(400, RawHttp.status(duplicateHost), duplicateHost);
        assertTrue(duplicateHost.contains("application/problem+json"));

        // Liberty settles Content-Length + Transfer-Encoding itself (chunked wins, RFC 9112 6.3) before
        // the gateway runs; what reaches the backend is then re-framed, never the ambiguous original.
        String bothLengths = RawHttp.send("POST /api/v1/echo/x HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertTrue(RawHttp.status(bothLengths) == 400 || bothLengths.contains("\"bodyLength\":5"), bothLengths);

        String bigHeaders = RawHttp.send("GET /api/v1/products/1 HTTP/1.1\r\nHost: a\r\nX-Big: " + "a".repeat(17_000)
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, RawHttp.status(bigHeaders), bigHeaders);
        assertTrue(bigHeaders.contains("application/problem+json"));

        String longUri = RawHttp.get("/api/v1/products/1?q=" + "a".repeat(9_000));
        assertEquals(414, RawHttp.status(longUri), longUri);
        assertTrue(longUri.contains("application/problem+json"));
        backendMayBeCalled = true; // the re-framed POST above
    }

    @Test
    void anInvalidIdIsABadRequest() {
        assertProblem(get("/api/v1/products/" + "x".repeat(65), null), 400);
        assertProblem(get("/api/v1/products?ids=1,,2", null), 400);
    }

    @Test
    void everyRequestIsCountedAndLoggedAsOneJsonLineWithoutItsToken() throws Exception {
        backendMayBeCalled = true;
        String token = token("123", "user");
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/users/123")
                .header("Authorization", "Bearer " + token).header("X-Request-Id", "access-log-1")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertEquals(200, response.statusCode());

        // One JSON object per line, in its own file (portico.access-log.file), not in messages.log.
        java.nio.file.Path logs = java.nio.file.Path.of(System.getProperty("wlp.home", "target/liberty/wlp"),
                "usr/servers/portico/logs");
        java.nio.file.Path log = logs.resolve("access.json.log");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() ->
                java.nio.file.Files.exists(log) && java.nio.file.Files.readString(log).contains("\"requestId\":\"access-log-1\""));
        String line = java.nio.file.Files.readAllLines(log).stream()
                .filter(l -> l.contains("\"requestId\":\"access-log-1\"")).reduce((first, last) -> last).orElseThrow();
        JsonObject entry = jakarta.json.Json.createReader(new java.io.StringReader(line)).readObject();
        assertEquals("user", entry.getString("route"), line);
        assertEquals(200, entry.getInt("status"), line);
        assertEquals("123", entry.getString("subject"), line);
        assertEquals("GET", entry.getString("method"), line);
        assertEquals("0af7651916cd43dd8448eb211c80319c", entry.getString("traceId"), line);
        assertTrue(entry.getString("instance").matches("http://127\\.0\\.0\\.1:(19091|19101)"), "the instance that answered: " + line);
        assertFalse(entry.containsKey("cache"), "not a cached route: " + line);
        assertFalse(java.nio.file.Files.readString(log).contains(token), "a token never reaches the log");
        assertFalse(java.nio.file.Files.readString(logs.resolve("messages.log")).contains("access-log-1"),
                "the access log is not in messages.log");

        String metrics = Gateway.send(Gateway.request("/metrics?scope=application")).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_requests_total")
                && l.contains("route=\"user\"") && l.contains("status=\"200\"")), metrics);
        // A histogram (buckets add up across nodes), not per-node quantiles.
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_request_duration_seconds_bucket")
                && l.contains("route=\"user\"") && l.contains("le=\"+Inf\"")), metrics);
        assertFalse(metrics.contains("quantile="), metrics);
        // Every portico_* metric says what it is (HELP), and the breaker's state and the available
        // instances are there per backend.
        metrics.lines().filter(l -> l.startsWith("# HELP portico_"))
                .forEach(l -> assertTrue(l.split(" ", 4).length == 4 && !l.split(" ", 4)[3].isBlank(), l));
        assertTrue(metrics.contains("# HELP portico_requests_total Requests answered, by route and status"), metrics);
        assertPromtoolFindsNothing(metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_backend_circuit_state{")
                && l.contains("backend=\"users\"") && l.endsWith(" 0.0")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_backend_instances_available{")
                && l.contains("backend=\"echo\"")), metrics);
    }

    @Test
    void readinessNamesItsChecksAndADeadBackendDoesNotMakeTheGatewayUnready() {
        // Nothing listens behind "dead": failed calls eject its one instance (outlier detection).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
            Gateway.send(Gateway.request("/api/v1/dead/x"));
            return Gateway.send(Gateway.request("/health/ready")).body().contains("\"dead\":\"0 of 1 instances available\"");
        });
        HttpResponse<String> ready = Gateway.send(Gateway.request("/health/ready"));

        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject health = Gateway.json(ready);
        assertEquals("UP", health.getString("status"), ready.body());
        java.util.Map<String, JsonObject> checks = new java.util.HashMap<>();
        health.getJsonArray("checks").forEach(c -> checks.put(c.asJsonObject().getString("name"), c.asJsonObject()));
        assertEquals(java.util.Set.of("configuration", "shared-state", "jwt-keys", "backends", "drain", "warm-up"), checks.keySet(), ready.body());
        checks.values().forEach(c -> assertEquals("UP", c.getString("status"), c.toString()));
        assertTrue(checks.get("shared-state").getJsonObject("data").getInt("members") >= 1, ready.body());
        // The "dead" backend (nothing listens there) is reported, and the gateway stays ready.
        assertEquals("0 of 1 instances available", checks.get("backends").getJsonObject("data").getString("dead"), ready.body());

        HttpResponse<String> live = Gateway.send(Gateway.request("/health/live"));
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"portico\""), live.body());
        HttpResponse<String> started = Gateway.send(Gateway.request("/health/started"));
        assertEquals(200, started.statusCode(), started.body());
        assertTrue(started.body().contains("\"portico-started\""), started.body());
    }

    /**
     * Before readiness, the node sent itself one GET per route with a token it cannot verify: each walked
     * the pipeline to a 401 (public routes too: a bad token is refused everywhere) and reached no backend.
     */
    @Test
    void theStartUpWarmUpWalkedEveryRouteToA401() throws Exception {
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("wlp.home", "target/liberty/wlp"),
                "usr/servers/portico/logs", "access.json.log");
        java.util.Set<String> paths = java.util.Set.of("/api/user/0/orders", "/api/v2/items/0", "/api/v1/secure/0",
                "/api/v1/stock/0");
        java.util.List<JsonObject> warm = java.nio.file.Files.readAllLines(log).stream()
                .filter(l -> paths.stream().anyMatch(p -> l.contains("\"path\":\"" + p + "\"")))
                .map(l -> jakarta.json.Json.createReader(new java.io.StringReader(l)).readObject())
                .toList();
        java.util.Set<String> routes = new java.util.HashSet<>();
        warm.forEach(e -> routes.add(e.getString("route", "")));
        assertTrue(routes.containsAll(java.util.Set.of("user-orders-seed", "item", "secure", "stock")), warm.toString());
        warm.forEach(e -> assertEquals(401, e.getInt("status"), e.toString()));
        warm.forEach(e -> assertFalse(e.containsKey("instance"), "no backend answered: " + e));
    }

    @Test
    void aClientRequestIdIsEchoed() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/nothing").header("X-Request-Id", "abc-123:x.y")
                .method("GET", HttpRequest.BodyPublishers.noBody()));

        assertEquals("abc-123:x.y", response.headers().firstValue("X-Request-Id").orElse(""));
        assertEquals("abc-123:x.y", Gateway.json(response).getString("requestId"));
    }

    /**
     * Prometheus' own linter (promtool, from Debian's prometheus package; .ci/run installs it) on the
     * gateway's metrics: format, names, suffixes, HELP. Liberty's JVM metrics (camelCase names) are not ours.
     */
    private static void assertPromtoolFindsNothing(String metrics) throws Exception {
        String own = metrics.lines().filter(l -> l.matches("(# (HELP|TYPE) )?portico_.*"))
                .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
        assertTrue(own.lines().count() > 20, own);
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (java.io.OutputStream in = promtool.getOutputStream()) {
            in.write(own.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String findings = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, promtool.waitFor(), findings);
        assertEquals("", findings.trim(), "promtool check metrics");
    }
}

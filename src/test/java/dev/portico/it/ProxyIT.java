package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static dev.portico.it.ReferenceBackends.ECHO_A;
import static dev.portico.it.ReferenceBackends.ECHO_B;
import static dev.portico.it.ReferenceBackends.FLAKY;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.Received;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Declared routes (arquillian.xml sets them as system properties) through the deployed gateway to
 * plain HTTP backends: pass-through and header policy, load balancing and health, retries,
 * timeouts, the circuit breaker, versioning and deprecation. Ordered: ejections and an open
 * breaker outlive a test, so the tests that cause them run last.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyIT {

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }


    @Test
    @Order(1)
    void forwardsMethodPathQueryAndBodyToTheBackendPath() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/echo/a/b%20c?x=1&y=%2F")
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("hello")));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject echo = json(response);
        assertEquals("PUT", echo.getString("method"));
        assertEquals("/base/echo/a/b%20c", echo.getString("path"));
        assertEquals("x=1&y=%2F", echo.getString("query"));
        assertEquals(5, echo.getInt("bodyLength"));
        assertEquals("kept", response.headers().firstValue("X-End-To-End").orElse(""));
        assertFalse(response.headers().firstValue("X-Hop").isPresent(), "named in Connection: not relayed");
        assertFalse(response.headers().firstValue("Keep-Alive").isPresent());
    }

    @Test
    @Order(2)
    void appliesTheHeaderPolicyTowardTheBackend() throws Exception {
        String response = RawHttp.send("GET /api/v1/echo/headers HTTP/1.1\r\nHost: 127.0.0.1:9080\r\n"
                + "Connection: close, X-Drop-Me\r\nX-Drop-Me: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n"
                + "Proxy-Authorization: Basic eDp5\r\nX-Portico-Subject: admin\r\nX-Forwarded-For: 10.0.0.1\r\n"
                + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: evil.example\r\n"
                + "Authorization: Bearer " + token("123", "user") + "\r\nX-Request-Id: hdr-1\r\n"
                + "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\r\ntracestate: a=b\r\n\r\n");

        assertEquals(200, RawHttp.status(response), response);
        Received seen = ReferenceBackends.echoed().stream().filter(r -> r.target().contains("/headers")).findFirst().orElseThrow();
        assertNull(seen.header("X-Drop-Me"));
        assertNull(seen.header("Keep-Alive"));
        assertNull(seen.header("TE"));
        assertNull(seen.header("Proxy-Authorization"));
        assertNull(seen.header("Authorization"), "forward-token is off by default");
        assertEquals("123", seen.header("X-Portico-Subject"), "the gateway's identity, not the client's");
        // The peer (127.0.0.1) is not in portico.trusted-proxies: the client's own claim is replaced.
        assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
        assertEquals("http", seen.header("X-Forwarded-Proto"));
        assertEquals("127.0.0.1:9080", seen.header("X-Forwarded-Host"));
        assertEquals("for=127.0.0.1;proto=http;host=\"127.0.0.1:9080\"", seen.header("Forwarded"));
        TraceAssert.continues("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", seen.header("traceparent"));
        assertEquals("a=b", seen.header("tracestate"));
        assertEquals("hdr-1", seen.header("X-Request-Id"));
    }

    @Test
    @Order(3)
    void streamsALargeBodyAndRefusesOneOverTheLimit() {
        String big = "x".repeat(900_000);
        HttpResponse<String> ok = Gateway.send(Gateway.request("/api/v1/echo/upload")
                .POST(HttpRequest.BodyPublishers.ofString(big)));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(900_000, json(ok).getInt("bodyLength"));

        int before = ReferenceBackends.echoed().size();
        assertProblem(Gateway.send(Gateway.request("/api/v1/echo/upload")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1_100_000)))), 413);
        assertEquals(before, ReferenceBackends.echoed().size(), "a declared oversize body reaches no backend");
    }

    @Test
    @Order(4)
    void roundRobinSpreadsRequestsOverHealthyInstances() {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/api/v1/echo/rr", null).statusCode());
        }
        long a = ECHO_A.received().stream().filter(r -> r.target().contains("/rr")).count();
        long b = ECHO_B.received().stream().filter(r -> r.target().contains("/rr")).count();
        assertEquals(10, a + b);
        assertTrue(a >= 4 && b >= 4, "round robin: " + a + " / " + b);
    }

    @Test
    @Order(5)
    void versionsUnversionedPathsAndMarksDeprecatedRoutes() {
        HttpResponse<String> v1 = get("/api/echo/ver", null);
        assertEquals(200, v1.statusCode(), v1.body());
        assertEquals("/base/echo/ver", json(v1).getString("path"));

        HttpResponse<String> v2 = Gateway.send(Gateway.request("/api/items/123").header("Api-Version", "2")
                .header("Authorization", "Bearer " + token("123", "user")));
        assertEquals(200, v2.statusCode(), v2.body());
        assertEquals("/base/items/123", json(v2).getString("path"));
        assertEquals("Wed, 30 Jun 2027 00:00:00 GMT", v2.headers().firstValue("Sunset").orElse(""));
        assertTrue(v2.headers().firstValue("Deprecation").orElse("").matches("@\\d+"));

        assertProblem(Gateway.send(Gateway.request("/api/items/123").header("Api-Version", "two")), 400);
    }

    @Test
    @Order(6)
    void declaredRoutesHaveProblemsFor401403404And405() {
        assertProblem(get("/api/v2/items/123", null), 401);
        assertProblem(get("/api/v2/items/123", token("124", "user")), 403);
        assertProblem(get("/api/v1/nothing/here", null), 404);
        HttpResponse<String> wrongMethod = Gateway.send(Gateway.request("/api/v2/items/123")
                .header("Authorization", "Bearer " + token("123", "user")).DELETE());
        assertProblem(wrongMethod, 405);
        assertEquals("GET, HEAD", wrongMethod.headers().firstValue("Allow").orElse(""));
        assertEquals(0, ReferenceBackends.echoed().size(), "rejected requests reach no backend");
    }

    @Test
    @Order(6)
    void adminsSeeTheRouteTableAndInstanceHealth() {
        String admin = token("ops", "admin");
        JsonObject backends = json(get("/admin/backends", admin));
        JsonObject echo = backends.getJsonArray("backends").stream().map(v -> v.asJsonObject())
                .filter(b -> b.getString("id").equals("echo")).findFirst().orElseThrow();
        assertEquals(2, echo.getJsonArray("instances").size());
        assertTrue(echo.getJsonArray("instances").getJsonObject(0).getBoolean("healthy"));
        assertEquals("closed", echo.getString("circuit"));

        String routes = get("/admin/routes", admin).body();
        assertTrue(routes.contains("\"id\":\"echo\"") && routes.contains("\"id\":\"user-orders-seed\""), routes);
        assertProblem(get("/admin/routes", token("123", "user")), 403);
        assertProblem(get("/admin/backends", null), 401);
    }

    @Test
    @Order(7)
    void backendErrorsAreRelayedUnchanged() {
        HttpResponse<String> response = get("/api/v1/echo/missing", null);

        assertEquals(404, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"instance\""));
    }

    @Test
    @Order(8)
    void aFailingInstanceIsRetriedOnAnother() {
        ECHO_A.faults().status(503);
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/api/v1/echo/retry", null);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("echo-b", json(response).getString("instance"));
        }
        assertEquals(4, ECHO_B.received().stream().filter(r -> r.target().contains("/retry")).count());
    }

    @Test
    @Order(9)
    void noHealthyInstanceIsServiceUnavailable() {
        ECHO_A.faults().status(500);
        ECHO_B.faults().status(500);
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/v1/echo/down", null).statusCode() == 503
                && "application/problem+json".equals(get("/api/v1/echo/down", null).headers()
                        .firstValue("Content-Type").orElse("")));
        JsonObject problem = assertProblem(get("/api/v1/echo/down", null), 503);
        assertTrue(problem.getString("detail").contains("no healthy instance"), problem.toString());

        ECHO_A.faults().reset();
        ECHO_B.faults().reset();
        await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/v1/echo/up", null).statusCode() == 200);
    }

    @Test
    @Order(9)
    void anInstanceWhoseHealthPathHangsIsTakenOutAtTheProbesTimeout() {
        // 1.5 s: under the backend's 2 s try timeout (the client's read timeout), over the probe's
        // MP FT @Timeout, set to 1 s in arquillian.xml by its MP Config key.
        ECHO_B.faults().delay(Duration.ofMillis(1500));
        await().atMost(Duration.ofSeconds(10)).until(() -> !echoInstanceHealthy(1));
        assertTrue(echoInstanceHealthy(0), "the other instance stays in");

        ECHO_B.faults().reset();
        await().atMost(Duration.ofSeconds(10)).until(() -> echoInstanceHealthy(1));
    }

    private static boolean echoInstanceHealthy(int index) {
        JsonObject backends = json(get("/admin/backends", token("ops", "admin")));
        return backends.getJsonArray("backends").stream().map(v -> v.asJsonObject())
                .filter(b -> b.getString("id").equals("echo")).findFirst().orElseThrow()
                .getJsonArray("instances").getJsonObject(index).getBoolean("healthy");
    }

    @Test
    @Order(10)
    void connectionRefusedIsABadGateway() {
        JsonObject problem = assertProblem(get("/api/v1/dead/x", null), 502);
        assertFalse(problem.getString("detail").contains("19099"), "no backend internals");
    }

    @Test
    @Order(11)
    void aPostIsNotRetried() {
        FLAKY.faults().status(503);

        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/flaky/order")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(503, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""),
                "the backend's own 503, relayed");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> FLAKY.received().size() == 1);
    }

    @Test
    @Order(12)
    void aSlowBackendIsCutOffAtTheRouteDeadline() {
        assertEquals(200, get("/api/v1/flaky/ok", null).statusCode()); // a success resets the breaker's count
        FLAKY.faults().delay(Duration.ofMillis(900));

        long start = System.nanoTime();
        HttpResponse<String> response = get("/api/v1/flaky/slow", null);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertProblem(response, 504);
        assertTrue(millis < 1500, "route deadline 1 s, took " + millis + " ms");
        assertTrue(FLAKY.received().size() <= 4, "at most 1 + 2 retries: " + FLAKY.received().size());
    }

    @Test
    @Order(13)
    void aFullBulkheadIsServiceUnavailable() throws Exception {
        assertEquals(200, get("/api/v1/flaky/ok", null).statusCode());
        FLAKY.faults().delay(Duration.ofMillis(300));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> get("/api/v1/flaky/slow-1", null));
        await().atMost(Duration.ofSeconds(2)).until(() -> FLAKY.received().stream()
                .anyMatch(r -> r.target().contains("/slow-1")));

        JsonObject problem = assertProblem(get("/api/v1/flaky/slow-2", null), 503);

        assertTrue(problem.getString("detail").contains("at capacity"), problem.toString());
        assertEquals(200, first.get().statusCode(), "the call holding the only slot completes");
        assertTrue(FLAKY.received().stream().noneMatch(r -> r.target().contains("/slow-2")));
    }

    @Test
    @Order(14)
    void anOpenBreakerAnswersAtOnceWithoutCallingTheBackendAndAProbeRecoversIt() {
        FLAKY.faults().status(502);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get("/api/v1/flaky/break", null).headers().firstValue("Content-Type").orElse("")
                        .equals("application/problem+json"));
        int seen = FLAKY.received().size();

        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            JsonObject problem = assertProblem(get("/api/v1/flaky/break", null), 503);
            assertTrue(problem.getString("detail").contains("circuit open"), problem.toString());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 200, "an open breaker answers at once");
        }
        assertEquals(seen, FLAKY.received().size(), "the backend saw nothing while the breaker was open");
        String metrics = Gateway.send(Gateway.request("/metrics?scope=application")).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_backend_circuit_open")
                && l.contains("backend=\"flaky\"") && l.endsWith(" 1.0")), metrics);
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_backend_errors_total")
                && l.contains("backend=\"flaky\"") && l.contains("kind=\"bad_status\"")), metrics);
        assertTrue(FLAKY.received().size() <= 1.2 * 30 + 2, "retry budget: " + FLAKY.received().size());

        FLAKY.faults().reset();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/api/v1/flaky/break", null).statusCode() == 200);
    }
}

package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static dev.portico.it.ReferenceBackends.RAW;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.ReferenceSystem;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one backend-call stack seen from outside: exact attempts, streaming, aged connections, relayed
 * headers, request ids, and the reference routes' balancing and per-backend breakers.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class DataPlaneIT {
    private final ReferenceSystem backends = ReferenceBackends.system();

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @Test
    void aBackendThatClosesWithoutAnsweringSeesExactlyOnePlusRetriesAttempts() {
        RAW.mode(RawBackend.Mode.CLOSE);

        assertProblem(get("/api/v1/raw-close/gone", null), 502);

        // retries=2 (the default): three attempts, and not one more from the HTTP client itself.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> RAW.requests().size() == 3);
    }

    @Test
    void aPostThatMayHaveReachedTheBackendIsNotSentAgain() {
        RAW.mode(RawBackend.Mode.CLOSE);

        assertProblem(Gateway.send(Gateway.request("/api/v1/raw-close/order")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":1}"))), 502);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> RAW.requests().size() == 1);
    }

    @Test
    void aSlowBodyReachesTheClientAsItComes() throws Exception {
        RAW.mode(RawBackend.Mode.SLOW_BODY);
        try (Socket socket = new Socket("127.0.0.1", 9080)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            out.write("GET /api/v1/raw/slow HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int first = in.read();
            long firstByte = (System.nanoTime() - start) / 1_000_000;
            long total = first < 0 ? 0 : 1 + in.readAllBytes().length;
            long end = (System.nanoTime() - start) / 1_000_000;

            assertTrue(head.startsWith("HTTP/1.1 200"), head);
            assertEquals(RawBackend.SLOW_CHUNKS * 1024, total);
            assertTrue(end >= 900, "the backend took a second to send it all: " + end + " ms");
            // Held back, the body would arrive all at once at the end; relayed, its last chunks still come
            // 100 ms apart after the first (which a pause of the machine may delay, as once seen in CI).
            assertTrue(end - firstByte >= 300, "first body byte at " + firstByte + " ms of " + end + " ms");
        }
    }

    @Test
    void connectionsTheBackendClosedWhileIdleAreNotReused() throws Exception {
        RAW.idleClose(800);
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/api/v1/raw/again-" + i, null);
            assertEquals(200, response.statusCode(), response.body());
            int closed = i + 1;
            // The backend closes the pooled connection; the next request must not be lost on it.
            await().atMost(Duration.ofSeconds(5)).until(() -> RAW.idleClosed() >= closed);
        }
        assertEquals(4, RAW.requests().size(), "every request reached the backend exactly once");
    }

    @Test
    void endToEndHeadersAreRelayedBothWays() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/raw/h")
                .header("From", "ops@example.com").header("Via", "1.1 edge").header("Warning", "199 - \"test\"")
                .header("X-Custom", "kept"));

        assertEquals(200, response.statusCode());
        String head = RAW.lastHead().toLowerCase(java.util.Locale.ROOT); // names are case-insensitive
        for (String header : new String[] {"from: ops@example.com", "via: 1.1 edge", "warning: 199 - \"test\"", "x-custom: kept"}) {
            assertTrue(head.contains(header), header + " not relayed: " + head);
        }
        assertEquals("text/plain", response.headers().firstValue("Content-Type").orElse(""), "no charset appended");
    }

    @Test
    void aGeneratedRequestIdReachesTheBackendOnEveryKindOfRoute() {
        HttpResponse<String> declared = get("/api/v1/raw/id", null);
        assertEquals(200, declared.statusCode(), declared.body());
        String id = declared.headers().firstValue("X-Request-Id").orElseThrow();
        assertTrue(RAW.lastHead().toLowerCase(java.util.Locale.ROOT).contains("x-request-id: " + id), RAW.lastHead());

        HttpResponse<String> coded = get("/api/v1/users/123", token("123", "user"));
        assertEquals(200, coded.statusCode());
        assertEquals(coded.headers().firstValue("X-Request-Id").orElseThrow(),
                backends.users.received().get(0).header("X-Request-Id"));
    }

    @Test
    void theReferenceRoutesBalanceOverTwoUserInstancesAndEjectADeadOne() throws Exception {
        // The third configured users instance (19099) has nothing listening. Its refused connections are
        // retried on a live instance at once, so no client sees them; after five it is ejected.
        Set<String> servedBy = new HashSet<>();
        int calls = 24;
        for (int i = 0; i < calls; i++) {
            HttpResponse<String> response = get("/api/v1/users/123", token("123", "user"));
            assertEquals(200, response.statusCode(), response.body());
            servedBy.add(response.headers().firstValue("X-Served-By").orElse("?"));
        }
        assertEquals(Set.of("users", "users-b"), servedBy);
        assertEquals(calls, backends.users.received().size(), "each request reached one live instance once");
        String admin = token("ops", "admin");
        assertTrue(instance(admin, "users", "19099").getBoolean("ejected"), "the dead instance is ejected");
        assertTrue(!instance(admin, "users", "19091").getBoolean("ejected"));
    }

    @Test
    void aFailingOrderServiceOpensTheOrdersBreakerAndLeavesUsersClosed() throws Exception {
        String admin = token("ops", "admin");
        backends.orders.close();
        try {
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> response = get("/api/v1/users/123/orders", token("123", "user"));
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("false", response.headers().firstValue("Portico-Complete").orElse(""));
            }
            assertEquals("open", backend(admin, "orders").getString("circuit"));
            assertEquals("closed", backend(admin, "users").getString("circuit"));
        } finally {
            backends.orders.start();
        }
        // The breaker lets a probe through after its open time, and the aggregate is whole again.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).until(() ->
                "true".equals(get("/api/v1/users/123/orders", token("123", "user")).headers()
                        .firstValue("Portico-Complete").orElse("")));
    }

    private static JsonObject backend(String adminToken, String id) {
        HttpResponse<String> response = get("/admin/backends", adminToken);
        assertEquals(200, response.statusCode(), response.body());
        for (JsonValue b : json(response).getJsonArray("backends")) {
            if (b.asJsonObject().getString("id").equals(id)) {
                return b.asJsonObject();
            }
        }
        throw new AssertionError("no backend " + id);
    }

    private static JsonObject instance(String adminToken, String backend, String port) {
        for (JsonValue i : backend(adminToken, backend).getJsonArray("instances")) {
            if (i.asJsonObject().getString("url").contains(port)) {
                return i.asJsonObject();
            }
        }
        throw new AssertionError("no instance on " + port);
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }
}

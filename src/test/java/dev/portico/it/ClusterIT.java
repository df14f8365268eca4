package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.request;
import static dev.portico.it.Gateway.send;
import static dev.portico.it.Gateway.token;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §13 on two real gateway nodes: the Liberty server Arquillian manages (9080, Hazelcast 5701) and a
 * second one started here from the same build and configuration (9081, 5702, {@link SecondNode}). Rate
 * limits and stored responses are the cluster's, not a node's; the second node stops last, and what it
 * held is still there on the first.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static SecondNode second;
    private static OriginService origin;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @BeforeAll
    static void startTheSecondNode() throws Exception {
        origin = new OriginService(19103);
        origin.start();
        second = SecondNode.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> members(get("/health/ready", null)) == 2
                && members(send(second.request("/health/ready"))) == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (second != null) {
                second.stop();
            }
        } finally {
            origin.close();
        }
    }

    @Test
    @Order(1)
    void aLimitSpentAlternatelyThroughBothNodesAdmitsItsCountOnce() {
        String alice = token("alice-two-nodes", "user");
        int admitted = 0;
        for (int i = 0; i < 40; i++) {
            HttpRequest.Builder call = (i % 2 == 0 ? request("/api/v1/shared-limit/x") : second.request("/api/v1/shared-limit/x"))
                    .header("Authorization", "Bearer " + alice);
            int status = send(call).statusCode();
            assertTrue(status == 200 || status == 429, "status " + status);
            admitted += status == 200 ? 1 : 0;
        }
        assertTrue(Math.abs(admitted - 20) <= 1, "20/1m through two nodes admitted " + admitted);
        assertEquals(admitted, ReferenceBackends.echoed().size(), "only admitted requests reached the backend");
    }

    @Test
    @Order(2)
    void aResponseStoredThroughOneNodeIsAHitOnTheOther() {
        origin.on("/stored-once", "Cache-Control", "max-age=60");
        HttpResponse<String> first = send(second.request("/api/v1/cached/stored-once"));
        assertEquals("{\"call\":1}", first.body());
        assertTrue(status(first).contains("fwd=miss"), status(first));

        HttpResponse<String> other = get("/api/v1/cached/stored-once", null);
        assertEquals("{\"call\":1}", other.body());
        assertTrue(status(other).contains("hit"), status(other));
        assertEquals(1, origin.count("/stored-once"), "one backend call for both nodes");
    }

    @Test
    @Order(3)
    void aPurgeThroughOneNodeEmptiesEveryNode() {
        origin.on("/purged", "Cache-Control", "max-age=60");
        assertEquals("{\"call\":1}", get("/api/v1/cached/purged", null).body());
        // Each node has it now, the second in its local tier too.
        assertTrue(status(send(second.request("/api/v1/cached/purged"))).contains("hit"));
        assertTrue(status(send(second.request("/api/v1/cached/purged"))).contains("hit"));

        HttpResponse<String> purge = send(second.request("/admin/cache?path=/api/v1/cached/purged").DELETE()
                .header("Authorization", "Bearer " + token("ops", "admin")));
        assertEquals(200, purge.statusCode(), purge.body());

        await().atMost(Duration.ofSeconds(10)).until(() -> status(get("/api/v1/cached/purged", null)).contains("fwd=miss"));
        HttpResponse<String> again = send(second.request("/api/v1/cached/purged"));
        assertTrue(status(again).contains("hit"), "stored anew by the first node: " + status(again));
        assertEquals("{\"call\":2}", again.body());
    }

    @Test
    @Order(4)
    void whenTheSecondNodeIsTerminatedItDrainsAndTheFirstStillServesItsEntriesAndCountsItsLimits() throws Exception {
        origin.on("/survives", "Cache-Control", "max-age=60");
        assertEquals("{\"call\":1}", send(second.request("/api/v1/cached/survives")).body());
        String dora = token("dora-two-nodes", "user");
        long spent = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, send(second.request("/api/v1/shared-limit/x").header("Authorization", "Bearer " + dora)).statusCode());
        }

        terminateWithRequestsInFlight();
        await().atMost(Duration.ofSeconds(30)).until(() -> members(get("/health/ready", null)) == 1);

        HttpResponse<String> kept = get("/api/v1/cached/survives", null);
        assertEquals("{\"call\":1}", kept.body());
        assertTrue(status(kept).contains("hit"), "the backup copy of what the stopped node stored: " + status(kept));
        assertEquals(1, origin.count("/survives"));

        int admitted = 0;
        for (int i = 0; i < 12; i++) {
            HttpRequest.Builder call = request("/api/v1/shared-limit/x").header("Authorization", "Bearer " + dora);
            admitted += send(call).statusCode() == 200 ? 1 : 0;
        }
        // 20/1m refills a token every 3 s: what the stop took came back; a forgotten bucket would admit all 12.
        long refilled = (System.nanoTime() - spent) / 3_000_000_000L;
        assertTrue(admitted <= refilled + 1 && admitted < 12,
                "20 of 20 spent on the stopped node, " + refilled + " refilled since; the first admitted " + admitted);
    }

    /**
     * SIGTERM with 50 requests in flight (held by the origin): the node's readiness goes DOWN at once, it
     * still serves new requests during its grace (with Connection: close), then refuses connections, and
     * every request in flight is answered in full.
     */
    private static void terminateWithRequestsInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        origin.on("/drain", request -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return OriginService.ok(1);
        });
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inFlight.add(client.sendAsync(second.request("/api/v1/drain?i=" + i).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> origin.count("/drain") == 50);

        SecondNode node = second;
        long terminated = System.nanoTime();
        ProcessHandle process = node.terminate();
        second = null;
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(node.request("/health/ready")).statusCode() == 503);
        HttpResponse<String> during = client.send(node.request("/api/v1/echo/during-grace").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(System.nanoTime() - terminated < SecondNode.GRACE.toNanos(), "asked within the grace");
        assertEquals(200, during.statusCode(), "served while draining: " + during.body());
        assertEquals("close", during.headers().firstValue("Connection").orElse(""));

        await().atMost(SecondNode.GRACE.plusSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> refused(client, node));
        assertTrue(System.nanoTime() - terminated >= SecondNode.GRACE.toNanos() - 100_000_000L, "refused only after the grace");
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> request : inFlight) {
            HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("{\"call\":1}", response.body());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
    }

    /** Whether node 2 refuses a new connection. */
    private static boolean refused(HttpClient client, SecondNode node) {
        try {
            client.send(node.request("/health/live").build(), HttpResponse.BodyHandlers.discarding());
            return false;
        } catch (IOException e) {
            return e instanceof ConnectException;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String status(HttpResponse<String> response) {
        return response.headers().firstValue("Cache-Status").orElse("");
    }

    /** The cluster's member count in a node's readiness data (0 when it has none). */
    private static int members(HttpResponse<String> ready) {
        JsonObject health = json(ready);
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals("shared-state"))
                .mapToInt(check -> check.getJsonObject("data").getInt("members", 0)).findFirst().orElse(0);
    }
}

package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.Received;
import dev.portico.demo.ReferenceSystem;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The seed's flow, GET /api/user/{id}/orders, through the deployed gateway to the real User (REST)
 * and Order (GraphQL) services: the combined body, parallel calls, partial and failed parts.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class SeedFlowIT {

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final ReferenceSystem backends = ReferenceBackends.system();

    @Test
    void combinesTheUserAndTheirOrders() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/user/123/orders")
                .header("Authorization", "Bearer " + token("123", "user"))
                .header("X-Request-Id", "seed-flow-1")
                .header("X-Portico-Subject", "admin"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("true", response.headers().firstValue("Portico-Complete").orElse(""));
        assertEquals("seed-flow-1", response.headers().firstValue("X-Request-Id").orElse(""));
        // The reference flow checks the rate limit (packaged default 600/1m per subject).
        assertEquals("\"user-orders-seed\";q=600;w=60", response.headers().firstValue("RateLimit-Policy").orElse(""));
        assertTrue(response.headers().firstValue("RateLimit").orElse("").startsWith("\"user-orders-seed\";r="));
        JsonObject body = json(response);
        assertEquals("123", body.getJsonObject("user").getString("id"));
        assertEquals("Ada Lovelace", body.getJsonObject("user").getString("name"));
        assertTrue(body.getJsonArray("orders").size() >= 2, body.toString());
        body.getJsonArray("orders").forEach(o -> assertEquals("123", o.asJsonObject().getString("userId")));
        assertFalse(body.containsKey("errors"));

        List<Received> users = backends.users.received();
        assertEquals(1, users.size());
        assertEquals("/users/123", users.get(0).target());
        assertEquals("seed-flow-1", users.get(0).header("X-Request-Id"));
        assertEquals("123", users.get(0).header("X-Portico-Subject"), "the client's X-Portico-Subject is not relayed");
        assertEquals("user", users.get(0).header("X-Portico-Roles"));
        assertEquals(null, users.get(0).header("Authorization"), "the token is not forwarded by default");
        List<Received> orders = backends.orders.received();
        assertEquals(1, orders.size());
        assertEquals("POST", orders.get(0).method());
        assertTrue(orders.get(0).body().contains("\"userId\":\"123\""), orders.get(0).body());
        assertEquals("seed-flow-1", orders.get(0).header("X-Request-Id"));
    }

    @Test
    void headAnswersTheHeadersOfTheCombinedBodyWithoutIt() {
        String token = token("123", "user");
        HttpResponse<String> full = get("/api/user/123/orders", token);
        backends.users.reset();
        backends.orders.reset();
        HttpResponse<String> head = Gateway.send(Gateway.request("/api/user/123/orders")
                .header("Authorization", "Bearer " + token).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("true", head.headers().firstValue("Portico-Complete").orElse(""));
        assertEquals(String.valueOf(full.body().getBytes(StandardCharsets.UTF_8).length),
                head.headers().firstValue("Content-Length").orElse(""));
        // The aggregate's parts are fetched as for a GET (a GET and a GraphQL POST), never as HEAD.
        assertEquals("GET", backends.users.received().get(0).method());
        assertEquals("POST", backends.orders.received().get(0).method());
    }

    @Test
    void theVersionedRouteAnswersTheSameShape() {
        HttpResponse<String> response = get("/api/v1/users/123/orders", token("123", "user"));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = json(response);
        assertEquals("123", body.getJsonObject("user").getString("id"));
        assertTrue(body.getJsonArray("orders").size() >= 2);
    }

    @Test
    void theV2ShapeEnrichesLineItemsWithProductsOverGrpc() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/users/123/orders")
                .header("Api-Version", "2").header("Authorization", "Bearer " + token("123", "user")));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject firstItem = json(response).getJsonArray("orders").getJsonObject(0).getJsonArray("items").getJsonObject(0);
        assertEquals("1", firstItem.getString("productId"));
        assertEquals("Analytical Engine", firstItem.getJsonObject("product").getString("name"));
        assertEquals(1, backends.products.received().size(), "one ListProducts for all line items");
        assertEquals("portico.product.v1.ProductService/ListProducts", backends.products.received().get(0).target());
    }

    @Test
    void v2WithoutProductsIsPartial() {
        backends.products.failWith(io.grpc.Status.Code.UNAVAILABLE);

        HttpResponse<String> response = get("/api/v2/users/123/orders", token("123", "user"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("false", response.headers().firstValue("Portico-Complete").orElse(""));
        assertEquals("123", json(response).getJsonObject("user").getString("id"));
    }

    @Test
    void callsBothBackendsInParallel() {
        String token = token("123", "user");
        get("/api/user/123/orders", token); // warm-up: first calls pay for class loading
        backends.users.faults().delay(Duration.ofMillis(300));
        backends.orders.faults().delay(Duration.ofMillis(300));

        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = get("/api/user/123/orders", token);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(millis >= 300, "both parts waited 300 ms, yet the answer took " + millis + " ms");
            best = Math.min(best, millis);
        }
        assertTrue(best < 550, "one after the other would take >= 600 ms; best of 3 took " + best + " ms");
    }

    @Test
    void ordersDownStillAnswersWithTheUserAndSaysItIsPartial() {
        backends.orders.close();

        HttpResponse<String> response = get("/api/user/123/orders", token("123", "user"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("false", response.headers().firstValue("Portico-Complete").orElse(""));
        JsonObject body = json(response);
        assertEquals("123", body.getJsonObject("user").getString("id"));
        assertFalse(body.containsKey("orders"), body.toString());
        JsonObject error = body.getJsonArray("errors").getJsonObject(0);
        assertEquals("orders", error.getString("part"));
        assertEquals(502, error.getInt("status"));
        assertFalse(error.getString("title").isBlank());
    }

    @Test
    void userDownIsABadGatewayProblem() {
        backends.users.close();
        ReferenceBackends.usersB().close();

        HttpResponse<String> response = get("/api/user/123/orders", token("123", "user"));

        JsonObject problem = assertProblem(response, 502);
        assertEquals("/api/user/123/orders", problem.getString("instance"));
        assertFalse(response.body().contains("19091"), "no backend internals: " + response.body());
    }

    @Test
    void slowUserIsAGatewayTimeoutWithinTheDeadline() {
        backends.users.faults().delay(Duration.ofMillis(4000));

        long start = System.nanoTime();
        HttpResponse<String> response = get("/api/user/123/orders", token("123", "user"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertProblem(response, 504);
        assertTrue(millis < 3500, "cut off at the 2 s try timeout / 3 s route deadline, took " + millis + " ms");
    }

    @Test
    void theTraceContextReachesBothPartsAndTheTokenOnlyTheBackendThatForwardsIt() {
        String token = token("123", "user");
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/user/123/orders")
                .header("Authorization", "Bearer " + token).header("traceparent", TRACEPARENT)
                .header("tracestate", "portico=t1"));

        assertEquals(200, response.statusCode(), response.body());
        Received user = backends.users.received().get(0);
        Received orders = backends.orders.received().get(0);
        TraceAssert.continues(TRACEPARENT, user.header("traceparent"));
        assertEquals("portico=t1", user.header("tracestate"));
        TraceAssert.continues(TRACEPARENT, orders.header("traceparent"));
        assertEquals("portico=t1", orders.header("tracestate"));
        assertEquals(null, user.header("Authorization"), "users: forward-token is off");
        assertEquals("Bearer " + token, orders.header("Authorization"), "orders: forward-token=true (arquillian.xml)");
    }

    @Test
    void aMalformedTraceparentIsNotPassedOn() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/user/123/orders")
                .header("Authorization", "Bearer " + token("123", "user"))
                .header("traceparent", "00-not-a-trace-id").header("tracestate", "a=b"));

        assertEquals(200, response.statusCode(), response.body());
        String started = backends.users.received().get(0).header("traceparent");
        assertTrue(started == null || started.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]"),
                "not the client's: none, or (tracing on) a trace the gateway started: " + started);
        assertEquals(null, backends.users.received().get(0).header("tracestate"), "no tracestate without a traceparent");
    }

    @Test
    void theRouteDeadlineCountsFromTheRequestNotFromEachCall() {
        // v2: the user, and in parallel the orders and then the products they name; each takes 1.8 s,
        // under the 2 s try timeout. The products call starts ~1.8 s into the route's 3 s deadline, so it
        // gets the ~1.2 s left (not a fresh 3 s) and is cut off: the optional orders part is missing.
        backends.users.faults().delay(Duration.ofMillis(1800));
        backends.orders.faults().delay(Duration.ofMillis(1800));
        backends.products.faults().delay(Duration.ofMillis(1800));

        long start = System.nanoTime();
        HttpResponse<String> response = get("/api/v2/users/123/orders", token("123", "user"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("false", response.headers().firstValue("Portico-Complete").orElse(""), response.body());
        assertEquals("123", json(response).getJsonObject("user").getString("id"));
        assertEquals(1, backends.products.received().size(), "the products call was made, and cut off");
        assertTrue(millis < 3500, "answered at the 3 s route deadline, took " + millis + " ms");
    }

    @Test
    void unknownUserIsNotFound() {
        HttpResponse<String> response = get("/api/user/999/orders", token("ops", "admin"));

        assertProblem(response, 404);
        assertEquals(1, backends.users.received().size());
    }

    @Test
    void anInsaneRequestIdIsReplacedAndTheNewOneSentToTheBackends() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/user/123/orders")
                .header("Authorization", "Bearer " + token("123", "user"))
                .header("X-Request-Id", "x".repeat(200)));

        assertEquals(200, response.statusCode());
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertNotEquals("x".repeat(200), id);
        assertEquals(id, backends.users.received().get(0).header("X-Request-Id"));
        assertEquals(id, backends.orders.received().get(0).header("X-Request-Id"));
    }
}

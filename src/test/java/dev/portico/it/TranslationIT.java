package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.post;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.ReferenceSystem;
import io.grpc.Status;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protocol translation through the deployed gateway: REST → gRPC (Product service) with status
 * mapping, and REST → GraphQL (Order service) for queries and the never-retried mutation.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class TranslationIT {
    private static final String ORDER = "{\"items\":[{\"productId\":\"1\",\"quantity\":2}]}";

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    private final ReferenceSystem backends = ReferenceBackends.system();

    @Test
    void aProductIsReadOverGrpc() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/products/1").header("X-Request-Id", "p-1"));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject product = json(response);
        assertEquals("1", product.getString("id"));
        assertEquals("Analytical Engine", product.getString("name"));
        assertEquals(1, backends.products.received().size());
        assertEquals("portico.product.v1.ProductService/GetProduct", backends.products.received().get(0).target());
        assertEquals("p-1", backends.products.received().get(0).header("x-request-id"));
    }

    @Test
    void aGrpcCallCarriesTheTraceContextAndTheForwardedTokenAsMetadata() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String token = token("123", "user");
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/products/1")
                .header("traceparent", traceparent).header("Authorization", "Bearer " + token));

        assertEquals(200, response.statusCode(), response.body());
        TraceAssert.continues(traceparent, backends.products.received().get(0).header("traceparent"));
        assertEquals("Bearer " + token, backends.products.received().get(0).header("authorization"),
                "products: forward-token=true (arquillian.xml)");
    }

    @Test
    void aGraphqlCallCarriesTheTraceContext() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00";
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/orders?userId=123")
                .header("Authorization", "Bearer " + token("123", "user")).header("traceparent", traceparent));

        assertEquals(200, response.statusCode(), response.body());
        TraceAssert.continues(traceparent, backends.orders.received().get(0).header("traceparent"));
    }

    @Test
    void productsAreListedOverGrpc() {
        HttpResponse<String> response = get("/api/v1/products?ids=1,2", null);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, json(response).getJsonArray("products").size());
    }

    @Test
    void grpcNotFoundIsNotFound() {
        JsonObject problem = assertProblem(get("/api/v1/products/99", null), 404);
        assertTrue(problem.getString("detail").contains("99"));
        assertEquals(1, backends.products.received().size(), "NOT_FOUND is an answer: no retry");
    }

    @Test
    void grpcInvalidArgumentIsABadRequest() {
        backends.products.failWith(Status.Code.INVALID_ARGUMENT);
        assertProblem(get("/api/v1/products/1", null), 400);
    }

    @Test
    void grpcUnavailableIsServiceUnavailableAfterRetries() {
        backends.products.failWith(Status.Code.UNAVAILABLE);
        assertProblem(get("/api/v1/products/1", null), 503);
        assertEquals(3, backends.products.received().size(), "a read is tried once and retried twice");
    }

    @Test
    void grpcDeadlineExceededIsAGatewayTimeout() {
        backends.products.failWith(Status.Code.DEADLINE_EXCEEDED);
        assertProblem(get("/api/v1/products/1", null), 504);
    }

    @Test
    void ordersAreQueriedOverGraphql() {
        HttpResponse<String> response = get("/api/v1/orders?userId=123", token("123", "user"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).getJsonArray("orders").size() >= 2);
        assertTrue(backends.orders.received().get(0).body().contains("orders(userId"));
    }

    @Test
    void anOrderIsCreatedOverGraphqlOnce() {
        HttpResponse<String> response = post("/api/v1/orders", token("123", "user"), ORDER);

        assertEquals(201, response.statusCode(), response.body());
        JsonObject order = json(response);
        assertEquals("123", order.getString("userId"));
        assertEquals("NEW", order.getString("status"));
        assertEquals(1, backends.orders.received().size());
        assertTrue(backends.orders.received().get(0).body().contains("createOrder"));
    }

    @Test
    void aGraphqlErrorIsMappedToAProblem() {
        HttpResponse<String> response = post("/api/v1/orders", token("123", "user"),
                "{\"items\":[{\"productId\":\"1\",\"quantity\":0}]}");

        JsonObject problem = assertProblem(response, 400);
        assertEquals("quantity must be positive", problem.getString("detail"));
    }

    @Test
    void aFailingCreateIsSentExactlyOnce() {
        backends.orders.faults().status(503);

        assertProblem(post("/api/v1/orders", token("123", "user"), ORDER), 502);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> backends.orders.received().size() == 1);
    }

    @Test
    void aTimedOutCreateIsSentExactlyOnce() {
        backends.orders.faults().delay(Duration.ofMillis(2500));

        assertProblem(post("/api/v1/orders", token("123", "user"), ORDER), 504);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4))
                .until(() -> backends.orders.received().size() == 1);
    }

    @Test
    void aMalformedOrderReachesNoBackend() {
        String token = token("123", "user");
        assertProblem(post("/api/v1/orders", token, "{\"items\":"), 400);
        assertProblem(post("/api/v1/orders", token, "{\"items\":[]}"), 400);
        assertProblem(post("/api/v1/orders", token, "{\"items\":[{\"productId\":\"1\",\"quantity\":\"2\"}]}"), 400);
        assertProblem(post("/api/v1/orders", token, "{\"items\":[{\"productId\":\"1\",\"quantity\":1}],\"pad\":\""
                + "x".repeat(70_000) + "\"}"), 413);
        assertProblem(post("/api/v1/orders", token, "{\"userId\":\"124\"," + ORDER.substring(1)), 403);
        assertEquals(0, backends.orders.received().size());
    }
}

package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.Received;
import io.grpc.Metadata;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Routes declared in configuration alone (arquillian.xml): a gRPC service the gateway was never built
 * against, reached through its server reflection, and a composite of two plain HTTP backends whose
 * optional part fails.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class GenericRoutesIT {
    private static InventoryService inventory;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @BeforeAll
    static void startInventory() throws Exception {
        inventory = new InventoryService().start();
    }

    @AfterAll
    static void stopInventory() throws Exception {
        inventory.close();
    }

    @BeforeEach
    void forget() {
        inventory.calls.clear();
        inventory.metadata.clear();
    }

    @Test
    void anUnknownGrpcServiceIsReachedByReflectionWithTheRequestsContext() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/stock/abc-1")
                .header("X-Request-Id", "inv-1").header("traceparent", traceparent));

        assertEquals(200, response.statusCode(), response.body());
        JsonObject stock = json(response);
        assertEquals("abc-1", stock.getString("sku"));
        assertEquals(7, stock.getInt("onHand"));
        assertEquals(List.of("portico.inventory.v1.InventoryService/GetStock"), inventory.calls);
        Metadata metadata = inventory.metadata.get(0);
        assertEquals("inv-1", metadata.get(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER)));
        TraceAssert.continues(traceparent, metadata.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER)));
    }

    @Test
    void grpcStatusesMapAndBadParametersReachNoBackend() {
        assertProblem(get("/api/v1/stock/none", null), 404);
        assertProblem(get("/api/v1/stock/" + "x".repeat(65), null), 400);
        assertEquals(1, inventory.calls.size(), "the over-long sku was refused by the gateway");
    }

    @Test
    void aGrpcRequestMessageIsBuiltFromPathAndBody() {
        HttpResponse<String> ok = post("/api/v1/stock/abc/reserve", "{\"quantity\":2}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(5, json(ok).getInt("onHand"));

        assertProblem(post("/api/v1/stock/abc/reserve", "{\"quantity\":0}"), 400);
        assertProblem(post("/api/v1/stock/abc/reserve", "{\"quantity\":\"many\"}"), 400);
        assertProblem(post("/api/v1/stock/abc/reserve", "{\"quantity\":"), 400);
        assertEquals(2, inventory.calls.size(), "a body that does not fit the message reaches no backend");
    }

    @Test
    void aCompositeOfTwoHttpBackendsAnswersWithoutItsFailedOptionalPart() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/combo/42?q=x").header("X-Request-Id", "c-1"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("false", response.headers().firstValue("Portico-Complete").orElse(""));
        JsonObject body = json(response);
        assertEquals("/base/echo/42", body.getJsonObject("echo").getString("path"));
        assertEquals("q=x", body.getJsonObject("echo").getString("query"));
        JsonObject error = body.getJsonArray("errors").getJsonObject(0);
        assertEquals("dead", error.getString("part"));
        assertEquals(502, error.getInt("status"));
        assertFalse(body.containsKey("dead"));
        List<Received> echoed = ReferenceBackends.echoed();
        assertEquals(1, echoed.size());
        assertEquals("c-1", echoed.get(0).header("X-Request-Id"));
        assertTrue(echoed.get(0).header("X-Forwarded-For") == null, "a part is the gateway's own call, not a forward");
    }

    @Test
    void aCompositeParameterIsCheckedBeforeAnyCall() {
        assertProblem(get("/api/v1/combo/42", null), 400); // {query.q} is required
        assertProblem(get("/api/v1/combo/a%20b?q=x", null), 400);
        assertEquals(0, ReferenceBackends.echoed().size());
    }

    private static HttpResponse<String> post(String path, String json) {
        return Gateway.send(Gateway.request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }
}

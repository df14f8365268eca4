package dev.portico.it;

import static dev.portico.it.Gateway.request;
import static dev.portico.it.Gateway.send;
import static dev.portico.it.Gateway.token;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.Received;
import dev.portico.it.OtlpReceiver.ReceivedSpan;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tracing on (arquillian.xml: otel.sdk.disabled=false, OTLP over HTTP to {@link OtlpReceiver} on loopback):
 * the server span continues the client's trace or starts one, one client span per backend try (REST,
 * GraphQL, gRPC) is its child, and each backend received the traceparent of its own try's span.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class TracingIT {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @Test
    void anAggregateContinuesTheClientsTraceWithAClientSpanPerBackendCall() {
        HttpResponse<String> response = send(request("/api/user/123/orders")
                .header("Authorization", "Bearer " + token("123", "user"))
                .header("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01").header("tracestate", "vendor=x"));
        assertEquals(200, response.statusCode(), response.body());

        List<ReceivedSpan> spans = awaitSpans(TRACE, 3);
        ReceivedSpan server = only(spans, "SERVER");
        assertEquals(CLIENT_SPAN, server.parentSpanId(), "the client's span is the server span's parent");
        assertEquals("GET /api/user/{id}/orders", server.name());
        assertEquals("user-orders-seed", server.attribute("portico.route"));
        assertEquals("portico", server.service());

        List<ReceivedSpan> calls = spans.stream().filter(s -> s.kind().equals("SPAN_KIND_CLIENT")).toList();
        assertEquals(Set.of("users", "orders"), calls.stream().map(s -> s.attribute("portico.backend")).collect(Collectors.toSet()));
        for (ReceivedSpan call : calls) {
            assertEquals(server.spanId(), call.parentSpanId(), call.name() + " is the server span's child, on any thread");
            assertEquals("user-orders-seed", call.attribute("portico.route"));
            assertEquals("1", call.attribute("portico.attempt"));
            assertEquals("ok", call.attribute("portico.outcome"));
            assertTrue(call.attribute("portico.instance").startsWith("http://127.0.0.1:"), call.attribute("portico.instance"));
        }
        ReceivedSpan users = calls.stream().filter(s -> s.attribute("portico.backend").equals("users")).findFirst().orElseThrow();
        ReceivedSpan orders = calls.stream().filter(s -> s.attribute("portico.backend").equals("orders")).findFirst().orElseThrow();
        assertEquals("rest", users.attribute("portico.protocol"));
        assertEquals("graphql", orders.attribute("portico.protocol"));
        List<Received> got = ReferenceBackends.system().users.received();
        got = got.isEmpty() ? ReferenceBackends.usersB().received() : got;
        assertEquals("00-" + TRACE + "-" + users.spanId() + "-01", got.get(got.size() - 1).header("traceparent"),
                "the User service got its try's span as parent");
        List<Received> graphql = ReferenceBackends.system().orders.received();
        assertEquals("00-" + TRACE + "-" + orders.spanId() + "-01", graphql.get(graphql.size() - 1).header("traceparent"));
    }

    @Test
    void aRequestWithoutTraceparentStartsATraceAndAGrpcCallCarriesIt() {
        HttpResponse<String> response = send(request("/api/v1/products/1"));
        assertEquals(200, response.statusCode(), response.body());
        Received call = ReferenceBackends.system().products.received().get(0);
        String traceparent = call.header("traceparent");
        assertNotNull(traceparent, "the gateway started a trace and sent it in the gRPC metadata");
        String trace = traceparent.substring(3, 35);

        List<ReceivedSpan> spans = awaitSpans(trace, 2);
        ReceivedSpan server = only(spans, "SERVER");
        assertEquals("", server.parentSpanId(), "a new trace: the server span is its root");
        assertEquals("GET /api/v1/products/{id}", server.name());
        ReceivedSpan grpc = only(spans, "CLIENT");
        assertEquals("grpc", grpc.attribute("portico.protocol"));
        assertEquals(server.spanId(), grpc.parentSpanId());
        assertEquals("00-" + trace + "-" + grpc.spanId() + "-01", traceparent);
    }

    @Test
    void aForwardedRequestReplacesTheClientsParentWithItsTrysSpan() {
        HttpResponse<String> response = send(request("/api/v1/echo/traced")
                .header("traceparent", "00-" + TRACE.replace('4', '5') + "-" + CLIENT_SPAN + "-01"));
        assertEquals(200, response.statusCode(), response.body());
        String trace = TRACE.replace('4', '5');
        List<ReceivedSpan> spans = awaitSpans(trace, 2);
        ReceivedSpan call = only(spans, "CLIENT");
        assertEquals("echo", call.attribute("portico.route"));
        Received got = ReferenceBackends.echoed().get(0);
        assertEquals("00-" + trace + "-" + call.spanId() + "-01", got.header("traceparent"));
    }

    private static List<ReceivedSpan> awaitSpans(String trace, int count) {
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> ReferenceBackends.traces().trace(trace).size() >= count);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(count + " spans of trace " + trace + " expected; received: " + ReferenceBackends.traces().spans(), e);
        }
        return ReferenceBackends.traces().trace(trace);
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String kind) {
        List<ReceivedSpan> of = spans.stream().filter(s -> s.kind().equals("SPAN_KIND_" + kind)).toList();
        assertEquals(1, of.size(), kind + " spans: " + spans);
        return of.get(0);
    }
}

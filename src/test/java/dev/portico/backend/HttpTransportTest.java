package dev.portico.backend;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portico.config.BackendDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP transport against a real HTTP server on loopback: what goes out, and when a connection is reused. */
class HttpTransportTest {
    private static final byte[] BIG = new byte[256 * 1024];

    private HttpServer server;
    private HttpTransport transport;
    private URI base;
    /** Per request: the client's port (one per connection), the request line, Host, Connection, body length. */
    private final List<String[]> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::answer);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/base/");
        transport = new HttpTransport(definition());
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        seen.add(new String[] {String.valueOf(exchange.getRemoteAddress().getPort()),
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Connection"),
                String.valueOf(body.length)});
        boolean big = exchange.getRequestURI().getPath().endsWith("/big");
        if (exchange.getRequestURI().getPath().endsWith("/close")) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        byte[] answer = big ? BIG : "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private static BackendDefinition definition() {
        return new BackendDefinition("t", List.of(URI.create("http://127.0.0.1")), BackendDefinition.Protocol.REST,
                BackendDefinition.Balancing.ROUND_ROBIN, Duration.ofSeconds(1), Duration.ofSeconds(2), 0, null,
                Duration.ofSeconds(5), false, 10, null);
    }

    private String get(String path) throws IOException {
        try (BackendResponse response = transport.send(base, Outgoing.of("GET", path, Map.of()), Duration.ofSeconds(2))) {
            assertEquals(200, response.status());
            return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theWarmUpSendsOneGetThroughTheDataPlanesClient() throws IOException {
        assertEquals(200, Backends.warmUp(base, "/health/live", Duration.ofSeconds(2)));

        assertEquals(1, seen.size());
        assertEquals("GET /base/health/live", seen.get(0)[1]);
    }

    @Test
    void theRequestGoesOutAsGivenUnderTheBasePathWithHostAndFraming() throws IOException {
        Outgoing post = Outgoing.of("POST", "/a%2Fb/c?q=%C3%A9&x=1", Map.of("X-Test", List.of("1")))
                .withBody("hello".getBytes(StandardCharsets.UTF_8));
        try (BackendResponse response = transport.send(base, post, Duration.ofSeconds(2))) {
            assertEquals(200, response.status());
            assertEquals(11, response.contentLength());
            assertEquals("{\"ok\":true}", new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        String[] request = seen.get(0);
        assertEquals("POST /base/a%2Fb/c?q=%C3%A9&x=1", request[1], "path and query are not re-encoded");
        assertEquals("127.0.0.1:" + server.getAddress().getPort(), request[2]);
        assertEquals("keep-alive", request[3]);
        assertEquals("5", request[4]);
    }

    @Test
    void aConnectionIsReusedOnceItsAnswerHasBeenReadToTheEnd() throws IOException {
        get("/one");
        get("/big");
        get("/two");
        assertEquals(1, seen.stream().map(r -> r[0]).distinct().count(), "one connection for three requests");
        assertEquals(1, transport.idleConnections());
    }

    @Test
    void anAnswerAbandonedBeforeItsEndDropsItsConnection() throws IOException {
        try (BackendResponse response = transport.send(base, Outgoing.of("GET", "/big", Map.of()), Duration.ofSeconds(2))) {
            InputStream body = response.body();
            assertArrayEquals(new byte[10], body.readNBytes(10));
        }
        assertEquals(0, transport.idleConnections(), "the rest of the body is not read into a pooled connection");
        get("/after");
        assertNotEquals(seen.get(0)[0], seen.get(1)[0], "a new connection");
    }

    @Test
    void aBackendThatSaysCloseGetsANewConnectionNextTime() throws IOException {
        get("/close");
        assertEquals(0, transport.idleConnections());
        get("/after");
        assertNotEquals(seen.get(0)[0], seen.get(1)[0]);
    }

    @Test
    void idleConnectionsAreClosedOnceTooOldToReuse() throws IOException {
        get("/one");
        assertEquals(1, transport.idleConnections());
        transport.evictIdle();
        assertEquals(1, transport.idleConnections(), "still young enough");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            transport.evictIdle();
            return transport.idleConnections() == 0;
        });
        get("/after");
        assertNotEquals(seen.get(0)[0], seen.get(1)[0]);
    }

    @Test
    void aRefusedConnectionIsAConnectFailureThatSentNothing() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> transport.send(URI.create("http://127.0.0.1:" + closedPort),
                Outgoing.of("GET", "/", Map.of()), Duration.ofSeconds(1)));
        assertEquals(ConnectException.class, e.getClass());
        assertEquals(Forwarder.Outcome.CONNECT_FAILED, Forwarder.classify(e));
    }
}

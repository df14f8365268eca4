package dev.portico.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A small JSON-over-HTTP service on 127.0.0.1 that records what it receives and obeys {@link Faults}. */
public abstract class HttpService implements AutoCloseable {
    static {
        // Without it the JDK server's separate header and body writes meet delayed ACKs: ~40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final String name;
    private final int port;
    private final Faults faults;
    private final Recorder received;
    private HttpServer server;
    private ExecutorService executor;

    protected HttpService(String name, int port) {
        this.name = name;
        this.port = port;
        this.faults = new Faults();
        this.received = new Recorder();
    }

    /** Another instance of the same service: it shares its twin's faults and records into the same list. */
    protected HttpService(String name, int port, HttpService twin) {
        this.name = name;
        this.port = port;
        this.faults = twin.faults;
        this.received = twin.received;
    }

    /** Answers one request; the body has already been read. */
    protected abstract Reply handle(String method, String path, String query, String body);

    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        public Reply(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }

        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }
    }

    /** Starts listening; does nothing when already started. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = bind(new InetSocketAddress("127.0.0.1", port));
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** The server socket; an HTTPS service overrides this. */
    protected HttpServer bind(InetSocketAddress address) throws IOException {
        return HttpServer.create(address, 256);
    }

    /** Stops listening: callers then see connection refused. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    public Faults faults() {
        return faults;
    }

    public List<Received> received() {
        return received.list();
    }

    public void reset() {
        faults.reset();
        received.clear();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex; InputStream in = ex.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            // A gateway's health probes are not requests of its clients: left out of what tests see.
            boolean probe = path.endsWith("/health") || path.endsWith("/health/ready");
            if (!probe) {
                received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                        Map.copyOf(ex.getRequestHeaders()), body));
            }
            faults.pause();
            Reply reply = faults.status() != 0
                    ? Reply.json(faults.status(), "{\"error\":\"injected fault\"}")
                    : handle(ex.getRequestMethod(), path, query, body);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.getResponseHeaders().set("X-Served-By", name);
            reply.headers().forEach(ex.getResponseHeaders()::set);
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
        }
    }
}

package dev.portico.backend;

import dev.portico.backend.ConnectionPool.Connection;
import dev.portico.config.BackendDefinition;
import dev.portico.observe.Tracing;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.EofSensorInputStream;
import org.apache.hc.core5.http.io.EofSensorWatcher;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.RequestContent;

/**
 * One backend's HTTP/1.1 transport: a {@link ConnectionPool} per instance and Apache HttpCore 5's
 * blocking request executor, on the caller's thread. It sends exactly what it is given, once: no retries,
 * redirects, cookies, compression or User-Agent of its own (the resilience stack above it decides every
 * attempt, and the backend sees the client's request as sent). It adds only what HTTP/1.1 needs: Host,
 * the body's framing (Content-Length or chunked) and {@code Connection: keep-alive}.
 *
 * <p>HttpCore rather than HttpClient: HttpClient's execution chain (route, auth cache, URI parsing, pool
 * lease, two socket-timeout sets per request) was a third of its cost on a pass-through, and this gateway
 * uses none of what the chain is for.
 */
final class HttpTransport implements Closeable {
    private static final HttpRequestExecutor EXECUTOR = new HttpRequestExecutor();
    private static final Closeable NO_CONNECTION = () -> { };

    private final BackendDefinition definition;
    private final Map<URI, Target> targets = new ConcurrentHashMap<>();
    private volatile boolean closed;

    HttpTransport(BackendDefinition definition) {
        this.definition = definition;
    }

    /**
     * Sends {@code request} to the instance at {@code base} and returns once the response headers are in.
     *
     * @param timeout how long to wait for the answer, and at most between two reads of its body
     * @throws IOException when the connection fails, times out, or the backend answers nothing usable
     */
    BackendResponse send(URI base, Outgoing request, Duration timeout) throws IOException {
        if (closed) {
            throw new IOException("The " + definition.id() + " transport is closed (the application is stopping).");
        }
        Target target = targets.computeIfAbsent(base, this::target);
        // No HttpHost and no URI: the path goes out exactly as given, without being parsed on the way.
        BasicClassicHttpRequest http = new BasicClassicHttpRequest(request.method(), (HttpHost) null,
                target.basePath() + request.pathAndQuery());
        http.addHeader("Host", target.authority());
        http.addHeader("Connection", "keep-alive");
        request.headers().forEach((name, values) -> values.forEach(v -> http.addHeader(name, v)));
        String traceparent = Tracing.traceparent(); // this try's span, when tracing is on
        if (traceparent != null) {
            http.setHeader("traceparent", traceparent);
        }
        http.setEntity(entity(request));
        HttpCoreContext context = HttpCoreContext.create();
        try {
            RequestContent.INSTANCE.process(http, http.getEntity(), context);
        } catch (HttpException e) {
            throw new IOException("The request cannot be framed: " + e.getMessage(), e);
        }
        Connection connection = target.pool().lease();
        try {
            return exchange(connection, target, http, context, request, timeout);
        } catch (IOException e) {
            if (!connection.reused || !replayable(request) || !closedUnderneath(e)) {
                throw e;
            }
            // A kept-alive connection the backend had closed (a backend may close one after any answer, e.g.
            // Node.js when a response sets its own Connection header), or one out of step (an earlier answer
            // sent more than its Content-Length, and this one began with the rest): the request is sent once
            // more, on a new connection, whatever the retry policy says.
            return exchange(target.pool().open(), target, http, context, request, timeout);
        }
    }

    /**
     * The connection was found closed (no answer at all, a reset, a broken pipe) or out of step (what should
     * be a status line does not parse); not a timeout, not an answer that is bad in itself.
     */
    private static boolean closedUnderneath(IOException e) {
        return e instanceof org.apache.hc.core5.http.NoHttpResponseException
                || e instanceof org.apache.hc.core5.http.ConnectionClosedException
                || e instanceof java.net.SocketException
                || e.getCause() instanceof org.apache.hc.core5.http.ParseException;
    }

    private static boolean replayable(Outgoing request) {
        return request.stream() == null && switch (request.method()) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
            default -> false;
        };
    }

    private static BackendResponse exchange(Connection connection, Target target, BasicClassicHttpRequest http,
            HttpCoreContext context, Outgoing request, Duration timeout) throws IOException {
        try {
            connection.timeout(timeout);
            ClassicHttpResponse response = EXECUTOR.execute(http, connection.http, context);
            KeepAlive keepAlive = new KeepAlive();
            Map<String, List<String>> headers = headers(response, keepAlive);
            int status = response.getCode();
            boolean bodiless = "HEAD".equals(request.method()) || status < 200 || status == 204 || status == 304;
            Lease lease = new Lease(target.pool(), connection,
                    keepAlive.reusable(HttpVersion.HTTP_1_1.equals(response.getVersion()), bodiless), target.instance());
            return lease.response(response, headers);
        } catch (HttpException e) {
            connection.discard();
            throw new IOException("The backend's answer is not valid HTTP/1.1: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            connection.discard();
            throw e;
        }
    }

    /** Closes the connections that have been idle too long to be reused (run every second or so). */
    void evictIdle() {
        targets.values().forEach(t -> t.pool().evictIdle());
    }

    /** Connections idle in the pools now (for tests). */
    int idleConnections() {
        return targets.values().stream().mapToInt(t -> t.pool().idleCount()).sum();
    }

    /** Where an instance's requests go: its pool, its Host header and its base path (no trailing slash). */
    private record Target(ConnectionPool pool, String authority, String basePath, String instance) {
    }

    private Target target(URI base) {
        boolean https = "https".equalsIgnoreCase(base.getScheme());
        String host = base.getHost();
        int port = base.getPort() >= 0 ? base.getPort() : https ? 443 : 80;
        String address = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new Target(new ConnectionPool(address, port, https ? tls() : null, definition.connectTimeout()),
                base.getPort() >= 0 ? host + ":" + port : host,
                base.getRawPath() == null ? "" : stripSlashes(base.getRawPath()), base.toString());
    }

    private SSLSocketFactory tls() {
        try {
            SSLContext context = definition.trustStore() != null ? definition.trustStore().sslContext() : SSLContext.getDefault();
            return context.getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no default TLS context", e);
        }
    }

    /**
     * One exchange's hold on its connection: back to the pool once the body has been read to its end (if
     * both sides keep it open), closed if the body is abandoned or broken.
     */
    private static final class Lease implements EofSensorWatcher, Closeable {
        private final ConnectionPool pool;
        private final Connection connection;
        private final boolean keepAlive;
        private final String instance;
        private boolean finished;

        Lease(ConnectionPool pool, Connection connection, boolean keepAlive, String instance) {
            this.pool = pool;
            this.connection = connection;
            this.keepAlive = keepAlive;
            this.instance = instance;
        }

        BackendResponse response(ClassicHttpResponse response, Map<String, List<String>> headers) throws IOException {
            HttpEntity entity = response.getEntity();
            if (entity == null || entity.getContentLength() == 0) {
                finish(keepAlive);
                return new BackendResponse(response.getCode(), headers, entity == null ? -1 : 0, null, NO_CONNECTION, instance);
            }
            InputStream body = new EofSensorInputStream(entity.getContent(), this);
            return new BackendResponse(response.getCode(), headers, entity.getContentLength(), body, this, instance);
        }

        private synchronized void finish(boolean reuse) {
            if (finished) {
                return;
            }
            finished = true;
            if (reuse) {
                pool.release(connection);
            } else {
                connection.discard();
            }
        }

        @Override
        public boolean eofDetected(InputStream wrapped) {
            finish(keepAlive);
            return false; // the connection may already serve another request: its stream is not touched again
        }

        @Override
        public boolean streamClosed(InputStream wrapped) {
            finish(false);
            return false;
        }

        @Override
        public boolean streamAbort(InputStream wrapped) {
            finish(false);
            return false;
        }

        /** Closing before the body has been read whole drops the connection. */
        @Override
        public void close() {
            finish(false);
        }
    }

    private static HttpEntity entity(Outgoing request) {
        if (request.stream() != null) {
            return new InputStreamEntity(request.stream(), request.streamLength(), null);
        }
        return request.buffered() == null ? null : new ByteArrayEntity(request.buffered(), null);
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response, KeepAlive keepAlive) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), n -> new ArrayList<>(1)).add(h.getValue());
            keepAlive.header(h.getName(), h.getValue());
        }
        return headers;
    }

    private static String stripSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    @Override
    public void close() {
        closed = true;
        targets.values().forEach(t -> t.pool().close());
    }
}

package dev.portico.backend;

import dev.portico.config.BackendDefinition;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One backend's HTTP/1.1 transport: a pool of keep-alive connections (Apache HttpClient 5, classic
 * blocking I/O on the caller's thread) that sends exactly what it is given, once. It makes no retries,
 * follows no redirects, keeps no cookies, adds no compression and no User-Agent: the resilience stack
 * above it decides every attempt, and the backend sees the client's request as sent.
 */
final class HttpTransport implements Closeable {
    /**
     * Idle pooled connections are not reused after this long: common backends close idle keep-alive
     * connections after 5 s (Node.js) or more, and reusing one they have just closed fails the request.
     */
    static final Duration IDLE_REUSE = Duration.ofSeconds(3);
    private static final TimeValue VALIDATE_AFTER = TimeValue.ofMilliseconds(500);

    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    private final Map<URI, Target> targets = new ConcurrentHashMap<>();
    private final Duration tryTimeout;
    private final RequestConfig tryConfig;

    HttpTransport(BackendDefinition definition) {
        tryTimeout = definition.timeout();
        tryConfig = config(tryTimeout);
        PoolingHttpClientConnectionManagerBuilder poolBuilder = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(definition.maxConcurrent())
                .setMaxConnPerRoute(definition.maxConcurrent())
                // No pool-wide lock per lease (the bulkhead above already bounds the connections in use).
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(definition.connectTimeout()))
                        .setIdleTimeout(Timeout.of(IDLE_REUSE))
                        // A connection idle for half a second is checked before reuse (a read of at most 1 ms):
                        // one the backend has closed meanwhile is dropped, not written to. Busy connections
                        // are reused within milliseconds and never pay for the check.
                        .setValidateAfterInactivity(VALIDATE_AFTER)
                        .build());
        if (definition.trustStore() != null) {
            poolBuilder.setTlsSocketStrategy(new DefaultClientTlsStrategy(definition.trustStore().sslContext()));
        }
        pool = poolBuilder.build();
        client = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableConnectionState()
                .disableDefaultUserAgent()
                .evictIdleConnections(TimeValue.of(IDLE_REUSE))
                .build();
    }

    /**
     * Sends {@code request} to the instance at {@code base} and returns once the response headers are in.
     *
     * @param timeout how long to wait for the answer, and at most between two reads of its body
     * @throws IOException when the connection fails, times out, or the backend answers nothing usable
     */
    BackendResponse send(URI base, Outgoing request, Duration timeout) throws IOException {
        Target target = targets.computeIfAbsent(base, Target::of);
        BasicClassicHttpRequest http = new BasicClassicHttpRequest(request.method(), target.host(),
                target.basePath() + request.pathAndQuery());
        request.headers().forEach((name, values) -> values.forEach(v -> http.addHeader(name, v)));
        http.setEntity(entity(request));
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(timeout.equals(tryTimeout) ? tryConfig : config(timeout));
        ClassicHttpResponse response = client.executeOpen(target.host(), http, context);
        HttpEntity entity = response.getEntity();
        return new BackendResponse(response.getCode(), headers(response),
                entity == null ? -1 : entity.getContentLength(), entity == null ? null : entity.getContent(), response);
    }

    /** Where an instance's requests go: its host and its base path (no trailing slash). */
    private record Target(HttpHost host, String basePath) {
        static Target of(URI base) {
            return new Target(new HttpHost(base.getScheme(), base.getHost(), base.getPort()),
                    base.getRawPath() == null ? "" : stripSlashes(base.getRawPath()));
        }
    }

    /** How long to wait for the answer, and at most between two reads of its body. */
    private static RequestConfig config(Duration timeout) {
        return RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setConnectionRequestTimeout(Timeout.of(timeout))
                .build();
    }

    private static HttpEntity entity(Outgoing request) {
        if (request.stream() != null) {
            return new InputStreamEntity(request.stream(), request.streamLength(), null);
        }
        return request.buffered() == null ? null : new ByteArrayEntity(request.buffered(), null);
    }

    private static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), n -> new ArrayList<>(1)).add(h.getValue());
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
    public void close() throws IOException {
        client.close();
        pool.close();
    }
}

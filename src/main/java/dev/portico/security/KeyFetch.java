package dev.portico.security;

import dev.portico.config.ClientTls;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Fetches a JWKS document over HTTP(S): an MP Rest Client call under MP Fault Tolerance. Each try is given
 * up at its {@code @Timeout} (the call runs {@code @Asynchronous}, so the deadline holds even while the
 * client blocks; the blocked call itself ends at the client's read timeout); a failed try is retried once; a key server failing again and again opens the circuit,
 * and fetches then fail at once until its delay has passed. Every value is tunable with MP Config's
 * {@code dev.portico.security.KeyFetch/document/<Annotation>/<parameter>} keys (README). What a failed
 * fetch means (the last good keys stay until max-stale, never fail open) is {@link KeySet}'s.
 */
@ApplicationScoped
public class KeyFetch {
    static final int MAX_DOCUMENT = 512 * 1024;
    private static final long CLIENT_TIMEOUT_SECONDS = 5;

    private final Map<URI, KeyDocument> clients = new ConcurrentHashMap<>();

    @Asynchronous
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = CircuitBreakerOpenException.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public CompletionStage<String> document(URI location) throws IOException {
        return CompletableFuture.completedFuture(read(location));
    }

    /**
     * The same GET without the FT policies, bounded by the client's own timeouts: for the fetch at start-up,
     * when Liberty cannot yet run an {@code @Asynchronous} call for the application it is starting.
     */
    public String read(URI location) throws IOException {
        try (Response response = clients.computeIfAbsent(location, KeyFetch::client).get()) {
            if (response.getStatus() != 200) { // a redirect: not followed
                throw answered(response.getStatus());
            }
            byte[] body;
            try (InputStream in = response.readEntity(InputStream.class)) {
                body = in.readNBytes(MAX_DOCUMENT + 1);
            }
            if (body.length > MAX_DOCUMENT) {
                throw new IOException("the key document is larger than " + MAX_DOCUMENT + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (WebApplicationException e) { // 4xx and 5xx, from the client's default exception mapper
            try (Response failed = e.getResponse()) {
                throw answered(failed.getStatus());
            }
        }
    }

    private static IOException answered(int status) {
        return new IOException("the key server answered " + status);
    }

    /**
     * A client of its own per location; its timeouts bound the start-up fetch, and a try FT has given up on.
     * HTTPS trusts the JVM's CAs, as the data plane does (not Liberty's own key store, a Rest Client's default).
     */
    private static KeyDocument client(URI location) {
        try {
            return ClientTls.trusting(RestClientBuilder.newBuilder().baseUri(location)
                    .connectTimeout(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .readTimeout(CLIENT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .followRedirects(false), SSLContext.getDefault())
                    .build(KeyDocument.class);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }

    @PreDestroy
    void close() {
        for (KeyDocument client : clients.values()) {
            try {
                client.close();
            } catch (Exception e) {
                // closing at shutdown: nothing left to do
            }
        }
    }
}

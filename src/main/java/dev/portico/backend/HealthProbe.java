package dev.portico.backend;

import dev.portico.config.BackendDefinition;
import dev.portico.config.ClientTls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The active health check of one instance: an MP Rest Client GET of its health path under MP Fault
 * Tolerance. A try is given up at {@code @Timeout} (it runs {@code @Asynchronous}, so the deadline holds
 * while the client blocks; the blocked call itself ends at the read timeout) and a failed try is retried once, so one lost connection does not eject an instance;
 * tunable with {@code dev.portico.backend.HealthProbe/check/<Annotation>/<parameter>} (README). No
 * circuit breaker: MP FT keeps one per method, so one dead instance would stop the probes of live ones.
 */
@ApplicationScoped
public class HealthProbe {

    /** Completes normally when the instance answered 2xx, exceptionally otherwise. */
    @Asynchronous
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 100, jitter = 50)
    public CompletionStage<Void> check(HealthEndpoint endpoint) {
        int status;
        try (Response response = endpoint.get()) {
            status = response.getStatus();
        } catch (WebApplicationException e) { // 4xx and 5xx, from the client's default exception mapper
            try (Response failed = e.getResponse()) {
                status = failed.getStatus();
            }
        }
        return status >= 200 && status < 300 ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new IOException("the health path answered " + status));
    }

    /**
     * A client for {@code instance}'s health path, with the backend's connect timeout, try timeout (the
     * client's read timeout: a try FT gave up on ends there) and trust: its trust store, else the JVM's CAs,
     * as the data plane (not Liberty's own key store, a Rest Client's default).
     */
    public static HealthEndpoint endpoint(BackendDefinition backend, URI instance) {
        String base = instance.toString();
        URI url = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + backend.healthPath());
        try {
            RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(url)
                    .connectTimeout(backend.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .readTimeout(backend.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .followRedirects(false);
            return ClientTls.trusting(builder, backend.trustStore() != null ? backend.trustStore().sslContext()
                    : SSLContext.getDefault()).build(HealthEndpoint.class);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
    }
}

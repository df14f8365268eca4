package dev.portico.backend;

import dev.portico.config.BackendDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The active health check of one instance: an MP Rest Client GET of its health path under MP Fault
 * Tolerance. A try is cut at {@code @Timeout} (it runs {@code @Asynchronous}, so the deadline holds while
 * the client blocks) and a failed try is retried once, so one lost connection does not eject an instance;
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
     * A client for {@code instance}'s health path, with the backend's connect timeout, try timeout and
     * trust store (hostnames verified).
     */
    public static HealthEndpoint endpoint(BackendDefinition backend, URI instance) {
        String base = instance.toString();
        URI url = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + backend.healthPath());
        RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(url)
                .connectTimeout(backend.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(backend.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false);
        if (backend.trustStore() != null) {
            builder.trustStore(backend.trustStore().keyStore());
        }
        return builder.build(HealthEndpoint.class);
    }
}

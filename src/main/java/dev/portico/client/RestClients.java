package dev.portico.client;

import dev.portico.config.BackendDefinition;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** Builds typed MP Rest Clients for a configured backend, with its connect and per-try timeouts. */
public final class RestClients {
    private RestClients() {
    }

    public static <T> T build(Class<T> api, BackendDefinition backend) {
        RestClientBuilder builder = RestClientBuilder.newBuilder();
        if (backend.trustStore() != null) {
            builder.trustStore(backend.trustStore().keyStore());
        }
        return builder
                .baseUri(backend.primary())
                .connectTimeout(backend.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // The client's own read timeout backs up MP FT's @Timeout, which cannot interrupt socket reads.
                .readTimeout(backend.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(api);
    }
}

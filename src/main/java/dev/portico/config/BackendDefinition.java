package dev.portico.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One backend as configured under {@code portico.backend.<id>.*}.
 *
 * @param urls           instance base URLs; a URL's path is a base path for the backend paths
 * @param connectTimeout how long to wait for a connection
 * @param timeout        deadline of one try
 */
public record BackendDefinition(String id, List<URI> urls, Protocol protocol, Duration connectTimeout,
        Duration timeout) {

    /** How the gateway speaks to a backend. */
    public enum Protocol { REST, GRPC, GRAPHQL }

    /** The instance the coded routes call (load balancing over all of them is a later step). */
    public URI primary() {
        return urls.get(0);
    }
}

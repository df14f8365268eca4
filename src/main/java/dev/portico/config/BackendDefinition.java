package dev.portico.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One backend as configured under {@code portico.backend.<id>.*}.
 *
 * @param urls           instance base URLs; a URL's path is a base path for the backend paths
 * @param loadBalancer   how an instance is chosen for each try
 * @param connectTimeout how long to wait for a connection
 * @param timeout        deadline of one try (until the response headers arrive)
 * @param retries        extra tries for idempotent requests (and for any request whose connection failed)
 * @param healthPath     path probed on every instance for active health checks; null for none
 * @param healthInterval time between active health checks
 * @param forwardToken   whether the client's bearer token is relayed
 * @param maxConcurrent  bulkhead: calls in flight to this backend at most (503 beyond)
 * @param trustStore     for https URLs: the certificates to trust instead of the JVM's; null for the JVM's
 */
public record BackendDefinition(String id, List<URI> urls, Protocol protocol, Balancing loadBalancer,
        Duration connectTimeout, Duration timeout, int retries, String healthPath, Duration healthInterval,
        boolean forwardToken, int maxConcurrent, TrustStore trustStore) {

    /** How the gateway speaks to a backend. */
    public enum Protocol { REST, GRPC, GRAPHQL }

    /** Load-balancing policies. */
    public enum Balancing { ROUND_ROBIN, LEAST_REQUESTS, RANDOM }

    /** The instance the coded routes call (they do not balance yet). */
    public URI primary() {
        return urls.get(0);
    }
}

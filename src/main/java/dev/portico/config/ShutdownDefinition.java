package dev.portico.config;

import java.time.Duration;

/**
 * How a node leaves (SIGTERM): readiness goes DOWN at once and requests are still served for {@code grace}
 * (load balancers take the node out meanwhile), then new connections are refused and the requests in
 * flight have up to {@code timeout} to finish before the backends' connections and the shared state close.
 *
 * @param grace   {@code portico.shutdown.grace}
 * @param timeout {@code portico.shutdown.timeout}
 */
public record ShutdownDefinition(Duration grace, Duration timeout) {
}

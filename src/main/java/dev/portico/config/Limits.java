package dev.portico.config;

/**
 * Request size limits checked before routing.
 *
 * @param maxHeaderBytes the whole header block (names, values, separators); 431 beyond
 * @param maxUriBytes    path and query as sent; 414 beyond
 */
public record Limits(long maxHeaderBytes, long maxUriBytes) {
}

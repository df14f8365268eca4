package dev.portico.cache;

/**
 * The bounds of the response cache (SPEC §7).
 *
 * @param maxEntries    {@code portico.cache.max-entries}: targets kept; the least recently used go first
 * @param maxObjectSize {@code portico.cache.max-object-size}: larger bodies are relayed, never stored
 * @param maxSize       {@code portico.cache.max-size}: bytes a node keeps in its local tier, and bytes it may
 *                      have written to the cluster (its oldest writes go first)
 */
public record CacheLimits(int maxEntries, int maxObjectSize, long maxSize) {
}

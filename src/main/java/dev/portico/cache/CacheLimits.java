package dev.portico.cache;

/**
 * The bounds of the response cache (SPEC §7).
 *
 * @param maxEntries    {@code portico.cache.max-entries}: targets kept; the least recently used go first
 * @param maxObjectSize {@code portico.cache.max-object-size}: larger bodies are relayed, never stored
 */
public record CacheLimits(int maxEntries, int maxObjectSize) {
}

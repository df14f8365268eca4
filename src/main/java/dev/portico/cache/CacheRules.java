package dev.portico.cache;

import java.time.Duration;

/**
 * A route's cache settings (SPEC §7).
 *
 * @param ttl                  {@code cache-ttl}: freshness of a response that carries none; null: only what
 *                             the response says (or a tenth of its age since {@code Last-Modified})
 * @param maxTtl               {@code cache.max-ttl}: cap on any freshness lifetime
 * @param staleIfError         {@code cache.stale-if-error}: serve stale this long when the backend fails
 * @param staleWhileRevalidate {@code cache.stale-while-revalidate}: serve stale this long while refreshing behind
 */
public record CacheRules(Duration ttl, Duration maxTtl, Duration staleIfError, Duration staleWhileRevalidate) {
    public static final Duration DEFAULT_MAX_TTL = Duration.ofHours(1);
}

package dev.portico.ratelimit;

import dev.portico.config.RateLimit;
import javax.cache.Cache;

/**
 * A client's way to take tokens from a cluster that lacks the gateway's classes (so runs no entry
 * processor): read the bucket, take, and write it back only if nobody changed it meanwhile (the owner
 * compares the stored bytes), else again. Two round trips instead of one; as atomic.
 */
public final class CompareAndSet {
    static final int ATTEMPTS = 16;

    private CompareAndSet() {
    }

    /** The decision, or null when the bucket changed under every one of {@link #ATTEMPTS} attempts. */
    public static TokenBucket.Decision take(Cache<String, TokenBucket.State> buckets, String key, RateLimit limit, int count,
            long nowMillis) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            TokenBucket.State before = buckets.get(key);
            TokenBucket.Decision decision = TokenBucket.take(before, nowMillis, limit.limit(), limit.window().toMillis(), count);
            boolean written = before == null ? buckets.putIfAbsent(key, decision.state())
                    : buckets.replace(key, before, decision.state());
            if (written) {
                return decision;
            }
        }
        return null;
    }
}

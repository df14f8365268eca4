package dev.portico.ratelimit;

import dev.portico.config.RateLimit;
import java.nio.ByteBuffer;
import javax.cache.Cache;

/**
 * A client's way to take tokens from a cluster that lacks the gateway's classes (so runs no entry
 * processor): read the bucket, take, and write it back only if nobody changed it meanwhile (the owner
 * compares the stored bytes), else again. Two round trips instead of one; as atomic. A bucket is kept as
 * 16 bytes (its two numbers), so the client uses no serialization the cluster must learn first.
 */
public final class CompareAndSet {
    static final int ATTEMPTS = 16;

    private CompareAndSet() {
    }

    /** The decision, or null when the bucket changed under every one of {@link #ATTEMPTS} attempts. */
    public static TokenBucket.Decision take(Cache<String, byte[]> buckets, String key, RateLimit limit, int count,
            long nowMillis) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            byte[] before = buckets.get(key);
            TokenBucket.Decision decision = TokenBucket.take(before == null ? null : decode(before), nowMillis,
                    limit.limit(), limit.window().toMillis(), count);
            byte[] after = encode(decision.state());
            boolean written = before == null ? buckets.putIfAbsent(key, after) : buckets.replace(key, before, after);
            if (written) {
                return decision;
            }
        }
        return null;
    }

    static byte[] encode(TokenBucket.State state) {
        return ByteBuffer.allocate(16).putLong(state.microTokens()).putLong(state.atMillis()).array();
    }

    static TokenBucket.State decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new TokenBucket.State(buffer.getLong(), buffer.getLong());
    }
}

package dev.portico.ratelimit;

import dev.portico.cluster.SharedState;
import dev.portico.config.RateLimit;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;

/**
 * Takes a token from a consumer's bucket for a route, atomically and cluster-wide: one JCache
 * EntryProcessor call per request, or per lease of several tokens for a busy consumer ({@link TokenLeases});
 * as a client of an existing cluster, a compare-and-set instead.
 * If the shared state fails, requests pass (and it is logged): a limiter that is down must not take the
 * gateway down with it.
 */
@Dependent
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

    private final TokenLeases leases = new TokenLeases(System::nanoTime);
    private Cache<String, TokenBucket.State> buckets;
    private Cache<String, byte[]> bucketBytes;
    private java.util.concurrent.atomic.AtomicBoolean reachable;

    /** The buckets are resolved once: the request path reads a field, not the shared state's CDI proxy. */
    @Inject
    void resolve(SharedState state) {
        buckets = state.buckets();
        bucketBytes = state.bucketBytes();
        reachable = state.reachable();
    }

    /** The decision for one request of {@code consumer} on {@code routeId}; null when the limiter is unavailable. */
    public TokenBucket.Decision take(String routeId, String consumer, RateLimit limit) {
        if (buckets == null && bucketBytes == null || !reachable.get()) {
            return null; // no limiter, or its cluster is out of reach: the request passes
        }
        String key = routeId + "|" + consumer;
        return leases.take(key, limit.limit(), count -> shared(key, limit, count));
    }

    /**
     * One take from a bucket of its own ({@code consumer} on no route, 1 per second, expiring like any other),
     * so the shared state's classes are loaded before a client's first rate-limited request.
     */
    public void warmUp(String consumer) {
        take("portico.warmup", consumer, new RateLimit(1, Duration.ofSeconds(1)));
    }

    private TokenBucket.Decision shared(String key, RateLimit limit, int count) {
        try {
            if (bucketBytes != null) {
                TokenBucket.Decision decision = CompareAndSet.take(bucketBytes, key, limit, count, System.currentTimeMillis());
                if (decision == null) {
                    LOG.log(Level.WARNING, "Portico rate limiter: the bucket {0} kept changing, letting the request pass", key);
                }
                return decision;
            }
            return buckets.invoke(key, new TakeToken(System.currentTimeMillis(), limit.limit(), limit.window().toMillis(),
                    count));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Portico rate limiter unavailable, letting the request pass: {0}", e.toString());
            return null;
        }
    }
}

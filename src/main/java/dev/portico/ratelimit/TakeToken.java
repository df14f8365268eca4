package dev.portico.ratelimit;

import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * The atomic step, run by the cache where the entry lives (on whichever cluster node owns it): read the
 * bucket, take a token (or up to {@code count}, for a lease), write it back, in one go, so concurrent requests on any node never both take the
 * last token. Sent to that node in Hazelcast Compact form ({@link BucketSerializers}).
 */
public record TakeToken(long nowMillis, long limit, long windowMillis, int count)
        implements EntryProcessor<String, TokenBucket.State, TokenBucket.Decision> {

    @Override
    public TokenBucket.Decision process(MutableEntry<String, TokenBucket.State> entry, Object... arguments) {
        TokenBucket.Decision decision = TokenBucket.take(entry.exists() ? entry.getValue() : null, nowMillis, limit,
                windowMillis, count);
        entry.setValue(decision.state());
        return decision;
    }
}

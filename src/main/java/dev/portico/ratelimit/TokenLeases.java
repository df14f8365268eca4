package dev.portico.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Tokens that a busy consumer's shared bucket has lent to this node, so that most of its requests are
 * decided here, without a cluster call each. Pure: the clock and the shared bucket come in as functions.
 *
 * <p>Every token still comes out of the shared bucket, atomically, so no node ever lets more through than
 * the limit. A consumer starts with no lease: each request takes its one token from the shared bucket, as if
 * there were no leases. When a consumer's lease is used up within {@link #HORIZON_NANOS} of being taken, its
 * next one is twice as large, up to 1 % of the limit and at most {@link #MAX_LEASE} tokens; when it lasts
 * longer, the next one is half as large. Limits under 200 per window never lease. A lease is renewed when a
 * quarter of it is left, by the request that finds it so, while the others go on using the rest. What a node
 * holds unused is dropped {@link #LIFETIME_NANOS} after the last renewal: at most a lease and a quarter,
 * about 10 ms of that consumer's traffic. The price of a lease is that another node may refuse a request
 * while this one still holds a few tokens of the same bucket.
 */
final class TokenLeases {
    /** A lease is meant to last about this long at the consumer's current pace. */
    static final long HORIZON_NANOS = 10_000_000L;
    /** Unused lent tokens are dropped this long after they were lent. */
    static final long LIFETIME_NANOS = 1_000_000_000L;
    static final int MAX_LEASE = 64;
    /** Consumers followed at once; beyond that (and after a sweep), a new consumer is decided one by one. */
    static final int MAX_CONSUMERS = 10_000;

    /** Takes {@code count} tokens from the shared bucket at once; null when the shared state is unavailable. */
    @FunctionalInterface
    interface Shared {
        TokenBucket.Decision take(int count);
    }

    private final ConcurrentHashMap<String, Lease> leases = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private volatile long lastSweep;

    TokenLeases(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastSweep = nanoClock.getAsLong();
    }

    /** The largest lease for a limit of {@code limit} per window: 1 % of it, 1 to {@link #MAX_LEASE}. */
    static int largestLease(long limit) {
        return (int) Math.max(1, Math.min(MAX_LEASE, limit / 100));
    }

    /** The decision for one request on {@code key}: from this node's lease if it has one, else the shared bucket. */
    TokenBucket.Decision take(String key, long limit, Shared shared) {
        int largest = largestLease(limit);
        if (largest == 1) {
            return shared.take(1);
        }
        long now = nanoClock.getAsLong();
        Lease lease = leases.get(key);
        if (lease == null && (lease = follow(key, now)) == null) {
            return shared.take(1);
        }
        TokenBucket.Decision local = lease.tryTake(now);
        if (local != null) {
            // Running low: this request renews the lease while the others still use what is left of it.
            int size = lease.startRenewal(now, largest, true);
            if (size > 0) {
                renew(lease, shared, size, 0, now);
            }
            return local;
        }
        int size = lease.startRenewal(now, largest, false);
        if (size == 0) {
            return shared.take(1); // another request of this consumer is renewing the lease right now
        }
        TokenBucket.Decision lent = renew(lease, shared, size, 1, now);
        if (lent == null || lent.taken() <= 1) {
            return lent;
        }
        // This request's own view: the tokens just lent, but not used by it, still count as remaining.
        return new TokenBucket.Decision(lent.remaining() + lent.taken() - 1, lent.resetSeconds(), 0,
                lent.state(), 1);
    }

    /** Takes {@code size} tokens for the lease, {@code own} of them for the request that asks. */
    private static TokenBucket.Decision renew(Lease lease, Shared shared, int size, int own, long now) {
        TokenBucket.Decision lent = null;
        try {
            lent = shared.take(size);
        } finally {
            lease.renewed(lent, own, now);
        }
        return lent;
    }

    /** How many consumers are followed (for tests). */
    int followed() {
        return leases.size();
    }

    private Lease follow(String key, long now) {
        if (leases.size() >= MAX_CONSUMERS) {
            if (now - lastSweep < LIFETIME_NANOS) {
                return null;
            }
            lastSweep = now;
            leases.values().removeIf(lease -> lease.idleSince(now, LIFETIME_NANOS));
            if (leases.size() >= MAX_CONSUMERS) {
                return null;
            }
        }
        return leases.computeIfAbsent(key, k -> new Lease(now));
    }

    /** One consumer's lease on this node. */
    static final class Lease {
        private int tokens;
        private long lentAt;
        private int size = 1;
        private boolean renewing;
        private long sharedRemaining;
        private long resetSeconds;

        Lease(long now) {
            lentAt = now - LIFETIME_NANOS; // never lent: the first renewal takes one token
        }

        synchronized TokenBucket.Decision tryTake(long now) {
            if (tokens == 0) {
                return null;
            }
            if (now - lentAt >= LIFETIME_NANOS) {
                tokens = 0;
                return null;
            }
            tokens--;
            return new TokenBucket.Decision(sharedRemaining + tokens, resetSeconds, 0, null, 1);
        }

        /**
         * The size of the next lease, or 0 when another request is already renewing it, or when {@code early}
         * and more than a quarter of the current one is left.
         */
        synchronized int startRenewal(long now, int largest, boolean early) {
            if (renewing || early && tokens > size / 4) {
                return 0;
            }
            renewing = true;
            size = now - lentAt < HORIZON_NANOS ? Math.min(largest, size * 2) : Math.max(1, size / 2);
            return Math.min(size, largest);
        }

        synchronized void renewed(TokenBucket.Decision lent, int own, long now) {
            renewing = false;
            if (lent == null) {
                return;
            }
            tokens += Math.max(0, lent.taken() - own);
            lentAt = now;
            sharedRemaining = lent.remaining();
            resetSeconds = lent.resetSeconds();
        }

        synchronized boolean idleSince(long now, long idle) {
            return !renewing && now - lentAt >= idle;
        }
    }
}

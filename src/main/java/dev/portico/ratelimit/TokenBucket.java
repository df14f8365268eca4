package dev.portico.ratelimit;


/**
 * A token bucket, pure: it holds up to {@code limit} tokens, refills {@code limit} per window continuously,
 * and a request takes one (a lease for several requests, {@link TokenLeases}, takes more at once). The state
 * is two numbers, so a cache can store it and update it atomically.
 */
public final class TokenBucket {
    /** Tokens are counted in millionths, so the state is whole numbers. */
    static final long SCALE = 1_000_000L;

    private TokenBucket() {
    }

    /** The stored state: tokens (in millionths) and when they were last counted. */
    public record State(long microTokens, long atMillis) {
    }

    /**
     * What a take decided.
     *
     * @param remaining     whole tokens left after it
     * @param resetSeconds  seconds until the bucket is full again
     * @param retryAfter    seconds until one token is back (0 when allowed)
     * @param state         the bucket after it
     * @param taken         how many tokens it took: 0 when refused, else 1, or up to a lease's size
     */
    public record Decision(long remaining, long resetSeconds, long retryAfter, State state, int taken) {
        /** Whether the request may pass: it took a token. */
        public boolean allowed() {
            return taken > 0;
        }
    }

    /** Takes one token from {@code state} (null: a full, new bucket) at {@code nowMillis}. */
    public static Decision take(State state, long nowMillis, long limit, long windowMillis) {
        return take(state, nowMillis, limit, windowMillis, 1);
    }

    /** Takes as many of {@code wanted} tokens as there are whole ones (allowed: at least one). */
    public static Decision take(State state, long nowMillis, long limit, long windowMillis, int wanted) {
        long capacity = limit * SCALE;
        long tokens = capacity;
        if (state != null) {
            long elapsed = Math.max(0, nowMillis - state.atMillis());
            // refill = elapsed * limit / window tokens, in millionths, without overflow for sane inputs
            double refill = (double) elapsed * capacity / windowMillis;
            tokens = (long) Math.min(capacity, state.microTokens() + refill);
        }
        int taken = (int) Math.min(Math.max(1, wanted), tokens / SCALE);
        tokens -= taken * SCALE;
        double perTokenMillis = (double) windowMillis / limit;
        long reset = (long) Math.ceil((double) (capacity - tokens) / SCALE * perTokenMillis / 1000);
        long retry = taken > 0 ? 0 : Math.max(1, (long) Math.ceil((double) (SCALE - tokens) / SCALE * perTokenMillis / 1000));
        return new Decision(tokens / SCALE, reset, retry, new State(tokens, nowMillis), taken);
    }
}

package dev.portico.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.config.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MINUTE = 60_000;

    @Test
    void aBurstUpToTheLimitPassesAndTheNextIsRefused() {
        TokenBucket.State state = null;
        for (int i = 0; i < 3; i++) {
            TokenBucket.Decision d = TokenBucket.take(state, 1_000, 3, MINUTE);
            assertTrue(d.allowed());
            assertEquals(2 - i, d.remaining());
            state = d.state();
        }
        TokenBucket.Decision refused = TokenBucket.take(state, 1_000, 3, MINUTE);
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertEquals(20, refused.retryAfter(), "one token comes back every 20 s");
        assertEquals(60, refused.resetSeconds());
    }

    @Test
    void tokensComeBackContinuouslyButNeverBeyondTheLimit() {
        TokenBucket.State empty = new TokenBucket.State(0, 0);
        assertFalse(TokenBucket.take(empty, 19_999, 3, MINUTE).allowed());
        assertTrue(TokenBucket.take(empty, 20_000, 3, MINUTE).allowed());
        TokenBucket.Decision muchLater = TokenBucket.take(empty, 10 * MINUTE, 3, MINUTE);
        assertEquals(2, muchLater.remaining(), "full (3) minus this request, not 30");
    }

    @Test
    void aLeaseTakesWhatThereIsAndIsRefusedOnlyWhenNothingIs() {
        TokenBucket.Decision lent = TokenBucket.take(null, 0, 10, MINUTE, 4);
        assertEquals(4, lent.taken());
        assertEquals(6, lent.remaining());
        TokenBucket.Decision rest = TokenBucket.take(lent.state(), 0, 10, MINUTE, 8);
        assertTrue(rest.allowed());
        assertEquals(6, rest.taken());
        assertEquals(0, rest.remaining());
        TokenBucket.Decision none = TokenBucket.take(rest.state(), 0, 10, MINUTE, 8);
        assertFalse(none.allowed());
        assertEquals(0, none.taken());
    }

    @Test
    void aClockGoingBackwardsRefillsNothing() {
        TokenBucket.State state = new TokenBucket.State(0, 50_000);
        assertFalse(TokenBucket.take(state, 10_000, 3, MINUTE).allowed());
    }

    @Test
    void ratesParseAsRequestsPerDuration() {
        assertEquals(new RateLimit(100, Duration.ofMinutes(1)), RateLimit.parse("100/1m"));
        assertEquals(new RateLimit(5, Duration.ofSeconds(1)), RateLimit.parse(" 5 / 1s "));
        for (String bad : new String[] {"100", "0/1m", "-1/1m", "x/1m", "10/500ms", "10/1m/2", "10/"}) {
            assertThrows(IllegalArgumentException.class, () -> RateLimit.parse(bad), bad);
        }
    }
}

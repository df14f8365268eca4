package dev.portico.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenLeasesTest {
    private static final long MINUTE = 60_000;
    private static final long MICRO = 1_000;

    private long nanos = 1_000_000_000_000L;
    private final TokenLeases leases = new TokenLeases(() -> nanos);

    /** A shared bucket as the cache holds it: the state, and every count asked of it. */
    private final class Bucket implements TokenLeases.Shared {
        final long limit;
        TokenBucket.State state;
        final List<Integer> asked = new ArrayList<>();

        Bucket(long limit) {
            this.limit = limit;
        }

        @Override
        public TokenBucket.Decision take(int count) {
            asked.add(count);
            TokenBucket.Decision d = TokenBucket.take(state, 0, limit, MINUTE, count); // no refill: time stands still
            state = d.state();
            return d;
        }

        TokenBucket.Decision request() {
            return leases.take("r|sub:alice", limit, this);
        }
    }

    @Test
    void aSmallLimitIsDecidedRequestByRequestInTheSharedBucket() {
        Bucket bucket = new Bucket(199);
        for (int i = 0; i < 50; i++) {
            assertTrue(bucket.request().allowed());
            nanos += MICRO;
        }
        assertEquals(50, bucket.asked.size());
        assertTrue(bucket.asked.stream().allMatch(n -> n == 1));
        assertEquals(0, leases.followed(), "nothing is kept for a limit that never leases");
    }

    @Test
    void aSlowConsumerTakesOneTokenAtATime() {
        Bucket bucket = new Bucket(100_000);
        for (int i = 0; i < 20; i++) {
            assertEquals(100_000 - 1 - i, bucket.request().remaining());
            nanos += TokenLeases.HORIZON_NANOS; // just not fast enough to lease
        }
        assertTrue(bucket.asked.stream().allMatch(n -> n == 1), bucket.asked.toString());
    }

    @Test
    void aBusyConsumerLeasesMoreAndMoreUpToTheLargestLease() {
        Bucket bucket = new Bucket(100_000);
        for (int i = 0; i < 1_000; i++) {
            TokenBucket.Decision d = bucket.request();
            assertTrue(d.allowed());
            assertEquals(100_000 - 1 - i, d.remaining(), "one node's view is exact: lent tokens count as remaining");
            nanos += MICRO;
        }
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64), bucket.asked.subList(0, 7));
        assertTrue(bucket.asked.size() < 30, "1,000 requests, " + bucket.asked.size() + " calls to the shared bucket");
        assertEquals(TokenLeases.MAX_LEASE, bucket.asked.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    @Test
    void leasesNeverLetMoreThroughThanTheLimit() {
        Bucket bucket = new Bucket(1_000); // largest lease: 10
        int allowed = 0;
        for (int i = 0; i < 3_000; i++) {
            if (bucket.request().allowed()) {
                allowed++;
            }
            nanos += MICRO;
        }
        assertEquals(1_000, allowed);
        assertEquals(10, bucket.asked.stream().mapToInt(Integer::intValue).max().orElseThrow());
        TokenBucket.Decision refused = bucket.request();
        assertFalse(refused.allowed());
        assertTrue(refused.retryAfter() > 0);
    }

    @Test
    void unusedLentTokensAreDroppedAfterTheirLifetimeAndTheLeaseShrinks() {
        Bucket bucket = new Bucket(100_000);
        for (int i = 0; i < 4; i++) {
            bucket.request(); // leases of 1, 2 and 4 tokens: three of the last are left over
            nanos += MICRO;
        }
        assertEquals(List.of(1, 2, 4), bucket.asked);
        nanos += TokenLeases.LIFETIME_NANOS;
        bucket.request();
        assertEquals(List.of(1, 2, 4, 2), bucket.asked, "the 3 left over are not used; a slow consumer leases less");
    }

    @Test
    void anUnavailableSharedStateDecidesNothingAndLendsNothing() {
        TokenLeases.Shared down = count -> null;
        for (int i = 0; i < 10; i++) {
            assertNull(leases.take("r|sub:alice", 100_000, down));
            nanos += MICRO;
        }
        Bucket bucket = new Bucket(100_000);
        assertEquals(1, bucket.request().taken(), "back up: one token, as for a consumer never seen");
        assertEquals(List.of(1), bucket.asked);
    }

    @Test
    void aRequestArrivingWhileTheLeaseIsRenewedTakesItsOwnTokenFromTheSharedBucket() {
        Bucket bucket = new Bucket(100_000);
        bucket.request();
        nanos += MICRO;
        List<TokenBucket.Decision> inside = new ArrayList<>();
        TokenLeases.Shared renewing = count -> {
            inside.add(leases.take("r|sub:alice", 100_000, bucket)); // a second request, meanwhile
            return bucket.take(count);
        };
        assertTrue(leases.take("r|sub:alice", 100_000, renewing).allowed());
        assertEquals(List.of(1, 1, 2), bucket.asked);
        assertTrue(inside.get(0).allowed());
    }
}

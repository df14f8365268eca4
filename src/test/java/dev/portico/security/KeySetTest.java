package dev.portico.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeySetTest {
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile List<NamedKey> served;
    private volatile boolean down;
    private final KeySet keys = new KeySet(() -> {
        fetches.incrementAndGet();
        if (down) {
            throw new java.io.IOException("connection refused");
        }
        return served;
    }, clock, Duration.ofSeconds(30), Duration.ofHours(1));

    private static PublicKey rsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair().getPublic();
    }

    @Test
    void anUnknownKidRefetchesAtMostOncePerCooldownWhateverTheRate() throws Exception {
        served = List.of(new NamedKey("a", rsa()));
        keys.refresh();
        assertEquals(1, keys.candidates("a", "RS256").size());
        assertTrue(keys.candidates("rotated", "RS256").isEmpty());
        assertEquals(1, fetches.get(), "the start-up fetch counts towards the cooldown");
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 1000; i++) {
            assertTrue(keys.candidates("rotated", "RS256").isEmpty());
        }
        assertEquals(2, fetches.get(), "one start-up fetch and one refetch for the unknown kid");
        clock.advance(Duration.ofSeconds(31));
        served = List.of(new NamedKey("a", rsa()), new NamedKey("rotated", rsa()));
        assertEquals(1, keys.candidates("rotated", "RS256").size());
        assertEquals(3, fetches.get());
    }

    @Test
    void theLastGoodKeysOutliveAFailingSourceForMaxStaleOnly() throws Exception {
        served = List.of(new NamedKey("a", rsa()));
        keys.refresh();
        down = true;
        clock.advance(Duration.ofMinutes(50));
        assertFalse(keys.refresh());
        assertEquals(1, keys.candidates("a", "RS256").size(), "kept while the key server is down");
        assertTrue(keys.fresh());
        clock.advance(Duration.ofMinutes(11));
        assertFalse(keys.fresh(), "readiness goes DOWN");
        assertTrue(keys.candidates("a", "RS256").isEmpty(), "never fails open: stale keys are dropped");
        down = false;
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, keys.candidates("a", "RS256").size(), "a known kid refetches once the keys are gone");
    }

    @Test
    void keysOnlyVerifyTheirOwnAlgorithm() throws Exception {
        served = List.of(new NamedKey("a", rsa()));
        keys.refresh();
        assertTrue(keys.candidates("a", "ES256").isEmpty());
        assertTrue(keys.candidates("a", "HS256").isEmpty());
    }

    @Test
    void pemKeysWithoutKidServeAnyKid() throws Exception {
        KeySet fixed = KeySet.fixed(List.of(new NamedKey(null, rsa())));
        assertEquals(1, fixed.candidates("whatever", "RS256").size());
        assertEquals(1, fixed.candidates(null, "RS256").size());
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

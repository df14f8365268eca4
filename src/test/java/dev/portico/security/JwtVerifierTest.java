package dev.portico.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.config.JwtDefinition;
import dev.portico.devtools.DevToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierTest {
    @TempDir
    static Path keys;
    static JwtVerifier verifier;
    static final AtomicInteger lookups = new AtomicInteger();

    static JwtDefinition settings() {
        return new JwtDefinition(DevToken.ISSUER, Set.of(DevToken.AUDIENCE), Duration.ofSeconds(60), 8192,
                null, null, Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1), 0);
    }

    @BeforeAll
    static void keys() throws Exception {
        DevToken.ensureKeys(keys, false);
        verifier = new JwtVerifier(settings(), new KeySet(() -> {
            lookups.incrementAndGet();
            return PublicKeys.parse(Files.readString(keys.resolve("public.pem")));
        }, java.time.Clock.systemUTC(), Duration.ofHours(1), Duration.ofHours(2)), 0);
    }

    private static Caller verify(DevToken token) throws Exception {
        return verifier.verify(token.sign(keys), Instant.now());
    }

    @Test
    void acceptsRs256AndEs256FromTheDevKeys() throws Exception {
        Caller rsa = verify(DevToken.forSubject("123").groups("user,admin"));
        assertEquals("123", rsa.subject());
        assertEquals(Set.of("user", "admin"), rsa.roles());
        Caller ec = verify(DevToken.forSubject("124").alg("ES256").clientType("mobile"));
        assertEquals("124", ec.subject());
        assertEquals("mobile", ec.clientType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "not-yet-valid", "future-iat", "wrong-key", "wrong-issuer", "wrong-audience",
        "no-exp", "no-sub", "tampered", "alg-none", "hs256", "alg-mismatch", "jku", "x5u", "jwk", "crit", "oversized"})
    void refusesEveryBadVariant(String variant) {
        InvalidToken e = assertThrows(InvalidToken.class, () -> verify(DevToken.forSubject("123").bad(variant)));
        assertTrue(!e.getMessage().contains("eyJ"), "no token content in " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"expired", "wrong-key", "tampered", "alg-mismatch"})
    void refusesBadEs256Variants(String variant) {
        assertThrows(InvalidToken.class, () -> verify(DevToken.forSubject("123").alg("ES256").bad(variant)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a.b", "a.b.c.d", "a.b.", "###.###.###", "e30.e30.AAAA", "W10.e30.AAAA"})
    void refusesMalformedTokens(String token) {
        assertThrows(InvalidToken.class, () -> verifier.verify(token, Instant.now()));
    }

    @Test
    void oversizedTokensAreRefusedBeforeAnyKeyLookupOrCrypto() {
        int before = lookups.get();
        String huge = "x".repeat(9000);
        InvalidToken e = assertThrows(InvalidToken.class, () -> verifier.verify(huge, Instant.now()));
        assertTrue(e.getMessage().contains("longer"));
        assertEquals(before, lookups.get());
    }

    @Test
    void forbiddenHeadersAreRefusedBeforeAnyKeyLookup() throws Exception {
        String jku = DevToken.forSubject("123").bad("jku").sign(keys);
        int before = lookups.get();
        assertThrows(InvalidToken.class, () -> verifier.verify(jku, Instant.now()));
        assertEquals(before, lookups.get());
    }

    @Test
    void clockSkewIsSixtySeconds() throws Exception {
        String token = DevToken.forSubject("123").ttl(Duration.ofSeconds(10)).sign(keys);
        Instant now = Instant.now();
        verifier.verify(token, now.plusSeconds(65)); // exp + 55 s: inside the skew
        assertThrows(InvalidToken.class, () -> verifier.verify(token, now.plusSeconds(75)));
    }

    @Test
    void aRememberedTokenIsStillCheckedForExpiryAndForItsKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        AtomicReference<List<NamedKey>> served = new AtomicReference<>(List.of(new NamedKey("k1", pair.getPublic())));
        KeySet set = new KeySet(served::get, java.time.Clock.systemUTC(), Duration.ZERO.plusMillis(1), Duration.ofHours(2));
        set.refresh();
        JwtVerifier cached = new JwtVerifier(settings(), set, 16);
        String token = DevToken.forSubject("123").ttl(Duration.ofSeconds(10)).signedWith("k1", pair.getPrivate()).sign(keys);
        Instant now = Instant.now();

        assertEquals("123", cached.verify(token, now).subject());
        assertEquals("123", cached.verify(token, now).subject(), "a repeat is answered from memory");
        assertThrows(InvalidToken.class, () -> cached.verify(token, now.plusSeconds(75)), "expiry still applies");

        String again = DevToken.forSubject("124").ttl(Duration.ofMinutes(5)).signedWith("k1", pair.getPrivate()).sign(keys);
        assertEquals("124", cached.verify(again, now).subject());
        served.set(List.of(new NamedKey("k2", gen.generateKeyPair().getPublic())));
        set.refresh(); // the identity provider rotated k1 away
        assertThrows(InvalidToken.class, () -> cached.verify(again, now), "a remembered token dies with its key");
    }

    @Test
    void invalidTokensAreNeverRemembered() throws Exception {
        JwtVerifier cached = new JwtVerifier(settings(), KeySet.fixed(PublicKeys.parse(
                Files.readString(keys.resolve("public.pem")))), 16);
        // Failures a remembered token would skip (a hit only re-checks expiry): each must fail every time.
        for (String variant : List.of("wrong-issuer", "wrong-audience", "no-sub", "future-iat")) {
            String token = DevToken.forSubject("123").bad(variant).sign(keys);
            for (int i = 0; i < 3; i++) {
                assertThrows(InvalidToken.class, () -> cached.verify(token, Instant.now()), variant);
            }
        }
    }

    @Test
    void aRememberedTokenMatchesOnlyItsExactBytes() throws Exception {
        JwtVerifier cached = new JwtVerifier(settings(), KeySet.fixed(PublicKeys.parse(
                Files.readString(keys.resolve("public.pem")))), 16);
        String token = DevToken.forSubject("123").sign(keys);
        assertEquals("123", cached.verify(token, Instant.now()).subject());
        // The same signature (the part the memory hashes) over another payload: a claim changed in transit.
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"123\"", "\"124\"").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertNotEquals(token, forged);
        assertThrows(InvalidToken.class, () -> cached.verify(forged, Instant.now()));
        assertEquals("123", cached.verify(token, Instant.now()).subject(), "the genuine one is still known");
    }
}

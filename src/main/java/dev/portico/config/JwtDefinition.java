package dev.portico.config;

import java.time.Duration;
import java.util.Set;

/**
 * How bearer tokens are verified (SPEC §5), from the MP JWT keys and {@code portico.jwt.*}.
 *
 * @param issuer        {@code mp.jwt.verify.issuer}: the only accepted {@code iss}
 * @param audiences     {@code mp.jwt.verify.audiences}: {@code aud} must contain one of them
 * @param clockSkew     {@code mp.jwt.verify.clock.skew} (seconds, at most 60)
 * @param maxTokenBytes {@code portico.jwt.max-token-bytes}: longer tokens are refused before any cryptography
 * @param inlineKeys    {@code mp.jwt.verify.publickey}: PEM or JWKS text; null when not set
 * @param keyLocation   {@code mp.jwt.verify.publickey.location}: file: or http(s): URL of PEM or JWKS; null when not set
 * @param refresh       {@code portico.jwt.jwks.refresh}: background refetch interval of a URL's keys
 * @param cooldown      {@code portico.jwt.jwks.cooldown}: least time between refetches for an unknown {@code kid}
 * @param maxStale      {@code portico.jwt.jwks.max-stale}: how long the last good keys outlive a failing key server
 * @param cacheSize     {@code portico.jwt.cache-size}: verified tokens remembered (0: verify every request)
 */
public record JwtDefinition(String issuer, Set<String> audiences, Duration clockSkew, int maxTokenBytes,
        String inlineKeys, String keyLocation, Duration refresh, Duration cooldown, Duration maxStale, int cacheSize) {
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);
}

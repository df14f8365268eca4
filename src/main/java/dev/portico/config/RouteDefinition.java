package dev.portico.config;

import dev.portico.cache.CacheRules;
import dev.portico.compose.Inputs;
import dev.portico.transform.Transformation;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;

/**
 * The policies of one route, coded or declared, as configured under {@code portico.route.<id>.*}.
 *
 * @param auth       whether a valid JWT is required
 * @param roles      the caller needs any one of these (empty: any authenticated caller)
 * @param ownerParam path or query parameter that must equal the token's subject (admins exempt); null for none
 * @param timeout    total deadline of the route, retries included
 * @param sunset     the day the route goes away (it is deprecated until then); null when not deprecated
 * @param maxBody    largest request body accepted, in bytes (413 beyond)
 * @param cors       the CORS policy; null when the gateway does not answer CORS for this route
 * @param httpsOnly  plain-HTTP requests are redirected to HTTPS (also for every route with {@code portico.https.redirect})
 * @param rateLimit  requests per window per consumer; null for no limit
 * @param paramPattern what a path or query value filled into a composed route's calls must match
 * @param cache      its responses are cached by these rules (SPEC §7); null when not cached
 * @param transform  what it changes in requests toward backends and in replies (SPEC §10)
 */
public record RouteDefinition(String id, Auth auth, Set<String> roles, String ownerParam, Duration timeout,
        LocalDate sunset, long maxBody, CorsDefinition cors, boolean httpsOnly, RateLimit rateLimit,
        String paramPattern, CacheRules cache, Transformation transform) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;

    /** Authentication a route requires. */
    public enum Auth { JWT, NONE }

    /** A route's policies before configuration: the default deadline and body limit, no sunset. */
    public static RouteDefinition of(String id, Auth auth, Set<String> roles, String ownerParam) {
        return new RouteDefinition(id, auth, roles, ownerParam, DEFAULT_TIMEOUT, null, DEFAULT_MAX_BODY, null, false, null,
                Inputs.DEFAULT_PATTERN, null, Transformation.NONE);
    }

    public boolean requiresToken() {
        return auth == Auth.JWT;
    }
}

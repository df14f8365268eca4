package dev.portico.config;

import java.time.Duration;
import java.util.Set;

/**
 * The policies of one route, coded or declared, as configured under {@code portico.route.<id>.*}.
 *
 * @param auth       whether a valid JWT is required
 * @param roles      the caller needs any one of these (empty: any authenticated caller)
 * @param ownerParam path or query parameter that must equal the token's subject (admins exempt); null for none
 * @param timeout    total deadline of the route, retries included
 */
public record RouteDefinition(String id, Auth auth, Set<String> roles, String ownerParam, Duration timeout) {

    /** Authentication a route requires. */
    public enum Auth { JWT, NONE }

    public boolean requiresToken() {
        return auth == Auth.JWT;
    }
}

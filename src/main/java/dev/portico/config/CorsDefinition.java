package dev.portico.config;

import java.time.Duration;
import java.util.Set;

/**
 * A route's CORS policy, from {@code portico.route.<id>.cors.*}; routes without {@code cors.origins} have none.
 *
 * @param origins       allowed origins ({@code https://app.example}), or just {@code *}
 * @param methods       methods a preflight may ask for; empty: the route's own
 * @param headers       request headers a preflight may ask for (case-insensitive)
 * @param exposeHeaders response headers the browser may read
 * @param maxAge        how long a browser may cache the preflight
 * @param credentials   whether cookies/credentials are allowed (never with {@code *})
 */
public record CorsDefinition(Set<String> origins, Set<String> methods, Set<String> headers, Set<String> exposeHeaders,
        Duration maxAge, boolean credentials) {
    public static final Set<String> DEFAULT_HEADERS = Set.of("authorization", "content-type", "x-request-id",
            "api-version", "x-client-type", "if-none-match");
    public static final Set<String> DEFAULT_EXPOSE = Set.of("X-Request-Id", "RateLimit", "RateLimit-Policy",
            "Retry-After", "Portico-Complete", "Deprecation", "Sunset", "Cache-Status", "ETag");

    public boolean anyOrigin() {
        return origins.contains("*");
    }
}

package dev.portico.filter;

import jakarta.ws.rs.Priorities;

/**
 * The order of the request pipeline, in one place (lower runs first on the way in).
 * SPEC §3: request id → hygiene → HTTPS redirect → CORS → route match → authentication → authorization →
 * rate limit → …
 */
public final class FilterOrder {
    /** Before all: starts the clock; on the way out (runs last) records metrics and the access log. */
    public static final int OBSERVE = Priorities.AUTHENTICATION - 600;
    /** First: every later step, error or log line can then name the request. */
    public static final int REQUEST_ID = Priorities.AUTHENTICATION - 500;
    /** Before matching: malformed or smuggled input must not reach routing or a backend. */
    public static final int HYGIENE = Priorities.AUTHENTICATION - 400;
    /** Before matching: an unversioned /api path is rewritten to the version it asks for. */
    public static final int VERSION = Priorities.AUTHENTICATION - 300;
    /** After versioning, so a route's own HTTPS policy is found; before CORS and auth: nothing more in the clear. */
    public static final int HTTPS = Priorities.AUTHENTICATION - 250;
    /** Before matching: CORS preflights are answered, and foreign origins refused, by the gateway. */
    public static final int CORS = Priorities.AUTHENTICATION - 200;
    // Route match is JAX-RS's own (404/405); the filters below run after matching, so they know the route.
    /** Declared routes: 404/405/413 from the route table (coded routes are matched by JAX-RS). */
    public static final int ROUTE_MATCH = Priorities.AUTHORIZATION - 100;
    /** 401 for a bearer token that does not verify; sets the caller. */
    public static final int AUTHENTICATION = Priorities.AUTHORIZATION - 50;
    /** 401/403 from the route's policy and the caller's token. */
    public static final int AUTHORIZATION = Priorities.AUTHORIZATION;
    /** After authorization (the consumer is known, and refused callers spend no tokens): 429. */
    public static final int RATE_LIMIT = Priorities.AUTHORIZATION + 100;

    private FilterOrder() {
    }
}

package dev.portico.filter;

import jakarta.ws.rs.Priorities;

/**
 * The order of the request pipeline, in one place (lower runs first on the way in).
 * SPEC §3: request id → hygiene → route match → authentication → authorization → …
 */
public final class FilterOrder {
    /** First: every later step, error or log line can then name the request. */
    public static final int REQUEST_ID = Priorities.AUTHENTICATION - 500;
    /** Before matching: malformed or smuggled input must not reach routing or a backend. */
    public static final int HYGIENE = Priorities.AUTHENTICATION - 400;
    // Route match is JAX-RS's own (404/405); MP JWT authenticates in Liberty's security layer,
    // before JAX-RS; the filters below run after matching, so they know the route.
    /** 401/403 from the route's policy and the caller's token. */
    public static final int AUTHORIZATION = Priorities.AUTHORIZATION;

    private FilterOrder() {
    }
}

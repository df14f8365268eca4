package dev.portico.cache;

import java.util.Set;

/**
 * How fresh a stored response is and what a request may be given from it (RFC 9111 §4.2, RFC 5861), in
 * whole seconds. Pure: the clock is an argument.
 */
public final class Freshness {
    /** Status codes that may be given a heuristic freshness (RFC 9110 §15.1, less 206, which is never stored here). */
    static final Set<Integer> HEURISTIC = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501);

    /** What a stored response can do for a request. */
    public enum Use {
        /** Fresh: answer from it. */
        FRESH,
        /** Stale, but the request accepts that much staleness ({@code max-stale}). */
        STALE_ACCEPTED,
        /** Stale within {@code stale-while-revalidate}: answer from it and refresh it behind. */
        STALE_WHILE_REVALIDATE,
        /** Ask the backend (conditionally when it has a validator). */
        REVALIDATE
    }

    private Freshness() {
    }

    /** The freshness lifetime (§4.2.1): s-maxage, max-age, Expires, the route's ttl, or a heuristic; capped. */
    public static long lifetime(Stored stored, CacheRules rules) {
        Directives cc = stored.directives();
        long cap = rules.maxTtl().toSeconds();
        Long explicit = cc.seconds("s-maxage");
        if (explicit == null) {
            explicit = cc.seconds("max-age");
        }
        if (explicit != null) {
            return Math.min(Math.max(explicit, 0), cap);
        }
        String expires = stored.header("Expires");
        if (expires != null) {
            Long at = HttpDate.parse(expires); // an invalid date, "0" among them, is in the past (§5.3)
            return at == null ? 0 : Math.min(Math.max(at - date(stored), 0), cap);
        }
        if (!HEURISTIC.contains(stored.status())) {
            return 0;
        }
        if (rules.ttl() != null) {
            return Math.min(rules.ttl().toSeconds(), cap);
        }
        Long modified = HttpDate.parse(stored.header("Last-Modified"));
        return modified == null ? 0 : Math.min(Math.max((date(stored) - modified) / 10, 0), cap);
    }

    /** Whether the response states its own freshness (max-age, s-maxage or Expires). */
    public static boolean explicit(Directives cc, Stored stored) {
        return cc.has("max-age") || cc.has("s-maxage") || stored.header("Expires") != null;
    }

    /** Its current age (§4.2.3). */
    public static long age(Stored stored, long nowMillis) {
        long apparent = Math.max(0, stored.responseTime() / 1000 - date(stored));
        long delay = Math.max(0, stored.responseTime() - stored.requestTime()) / 1000;
        long corrected = Math.max(apparent, ageValue(stored) + delay);
        long resident = Math.max(0, nowMillis - stored.responseTime()) / 1000;
        return Math.min(corrected + resident, Directives.MAX_DELTA);
    }

    /** What the request, with these directives, may have from the stored response now. */
    public static Use use(Stored stored, Directives request, CacheRules rules, long nowMillis) {
        Directives cc = stored.directives();
        if (cc.has("no-cache") || request.has("no-cache")) {
            return Use.REVALIDATE;
        }
        long age = age(stored, nowMillis);
        long lifetime = lifetime(stored, rules);
        Long maxAge = request.seconds("max-age");
        Long minFresh = request.seconds("min-fresh");
        if (maxAge != null && maxAge >= 0 && age > maxAge || minFresh != null && minFresh >= 0 && lifetime - age < minFresh) {
            return Use.REVALIDATE;
        }
        if (age < lifetime) {
            return Use.FRESH;
        }
        if (mustRevalidate(cc)) {
            return Use.REVALIDATE;
        }
        long staleness = age - lifetime;
        if (request.has("max-stale")) {
            Long maxStale = request.seconds("max-stale");
            if (maxStale < 0 || staleness <= maxStale) { // no argument: any staleness
                return Use.STALE_ACCEPTED;
            }
        }
        return staleness < window(cc.seconds("stale-while-revalidate"), rules.staleWhileRevalidate().toSeconds())
                ? Use.STALE_WHILE_REVALIDATE : Use.REVALIDATE;
    }

    /** Whether a stale response may stand in for a failed backend (RFC 5861 §4): the response's or the request's window, else the route's. */
    public static boolean servableOnError(Stored stored, Directives request, CacheRules rules, long nowMillis) {
        Directives cc = stored.directives();
        if (mustRevalidate(cc) || cc.has("no-cache")) {
            return false;
        }
        long staleness = age(stored, nowMillis) - lifetime(stored, rules);
        Long requested = request.seconds("stale-if-error");
        long window = requested != null && requested >= 0 ? requested
                : window(cc.seconds("stale-if-error"), rules.staleIfError().toSeconds());
        return staleness < window;
    }

    /** Seconds left before it is stale (negative when it is). */
    public static long ttl(Stored stored, CacheRules rules, long nowMillis) {
        return lifetime(stored, rules) - age(stored, nowMillis);
    }

    /**
     * How long the cluster keeps it: while it is fresh, then while it may still stand in for a failure or
     * a refresh, and, when a conditional request could refresh it, up to the longest freshness allowed more.
     */
    public static long keep(Stored stored, CacheRules rules) {
        Directives cc = stored.directives();
        long windows = Math.max(window(cc.seconds("stale-while-revalidate"), rules.staleWhileRevalidate().toSeconds()),
                window(cc.seconds("stale-if-error"), rules.staleIfError().toSeconds()));
        long revalidation = Validators.revalidatable(stored) ? rules.maxTtl().toSeconds() : 0;
        return Math.max(1, lifetime(stored, rules) + Math.max(windows, revalidation));
    }

    /** A shared cache may not serve these stale (§5.2.2.2, §5.2.2.8, §5.2.2.10). */
    private static boolean mustRevalidate(Directives cc) {
        return cc.has("must-revalidate") || cc.has("proxy-revalidate") || cc.has("s-maxage");
    }

    private static long window(Long responseSays, long routeSays) {
        return responseSays != null && responseSays >= 0 ? responseSays : routeSays;
    }

    static long date(Stored stored) {
        return stored.date();
    }

    private static long ageValue(Stored stored) {
        String age = stored.header("Age");
        if (age == null) {
            return 0;
        }
        int comma = age.indexOf(',');
        try { // a list (one line "7200, 0") counts by its first value
            long value = Long.parseLong((comma < 0 ? age : age.substring(0, comma)).trim());
            return Math.max(0, Math.min(value, Directives.MAX_DELTA));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package dev.portico.cache;

import java.util.List;
import java.util.Map;

/** What a shared cache may store (RFC 9111 §3, SPEC §7), and whose a stored response is. */
public final class Storing {
    /** The statuses whose caching semantics this cache implements. */
    static final java.util.Set<Integer> UNDERSTOOD = java.util.Set.of(200, 203, 204, 300, 301, 302, 303, 307, 308, 404, 405,
            410, 414, 501);
    private Storing() {
    }

    /**
     * Why a response to a GET may not be stored, or null when it may.
     *
     * @param request  the request's Cache-Control
     * @param headers  the response's end-to-end headers
     * @param complete false for an aggregate that lacks a part
     * @param authorization the request carried an {@code Authorization} the gateway did not verify (its own
     *                 verified callers get entries of their own instead, {@link #owner})
     */
    public static String refusal(Directives request, int status, Map<String, List<String>> headers, boolean complete,
            boolean authorization, CacheRules rules) {
        Stored probe = new Stored(status, headers, new byte[0], 0, 0, Map.of(), null);
        Directives cc = probe.directives();
        if (status < 200 || status == 206 || status == 304 || status > 599) {
            return "status " + status;
        }
        // must-understand (RFC 9111 §5.2.2.3): a status this cache understands may be stored despite no-store.
        boolean understood = cc.has("must-understand") && UNDERSTOOD.contains(status);
        if (request.has("no-store") || cc.has("no-store") && !understood) {
            return "no-store";
        }
        if (cc.has("private")) {
            return "private";
        }
        if (!probe.values("Set-Cookie").isEmpty()) {
            return "Set-Cookie";
        }
        if (authorization && !cc.has("public") && !cc.has("s-maxage") && !cc.has("must-revalidate")) {
            return "Authorization"; // RFC 9111 §3.5
        }
        if (!complete) {
            return "partial aggregate";
        }
        if (Variants.names(probe).contains("*")) {
            return "Vary: *";
        }
        boolean heuristic = Freshness.HEURISTIC.contains(status)
                && (rules.ttl() != null || probe.header("Last-Modified") != null);
        if (!Freshness.explicit(cc, probe) && !cc.has("public") && !heuristic && !cc.has("no-cache")) {
            return "no freshness";
        }
        return null;
    }

    /**
     * Whose the stored response is: the subject of an authenticated request, unless the response says any
     * cache may give it to anyone ({@code public}, {@code s-maxage}; RFC 9111 §3.5); null for everyone.
     */
    public static String owner(String subject, Directives response) {
        return subject == null || response.has("public") || response.has("s-maxage") ? null : subject;
    }
}

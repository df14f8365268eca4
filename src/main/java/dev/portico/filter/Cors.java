package dev.portico.filter;

import dev.portico.config.CorsDefinition;
import dev.portico.problem.GatewayException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Pure CORS decisions for a route with a policy: the headers to answer with, or a 403. */
public final class Cors {
    private Cors() {
    }

    /**
     * A preflight's answer headers.
     *
     * @param routeMethods   the methods the route takes (used when the policy names none)
     * @param requestHeaders the {@code Access-Control-Request-Headers} value, or null
     * @throws GatewayException 403 when the origin, method or a header is not allowed
     */
    public static Map<String, String> preflight(CorsDefinition cors, Set<String> routeMethods, String origin,
            String method, String requestHeaders) {
        Map<String, String> headers = actual(cors, origin);
        Set<String> methods = cors.methods().isEmpty() ? routeMethods : cors.methods();
        if (!methods.contains(method)) {
            throw refused("The method " + method + " is not allowed for cross-origin requests on this route.");
        }
        List<String> asked = requestHeaders == null ? List.of() : Arrays.stream(requestHeaders.split(","))
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        for (String header : asked) {
            if (!cors.headers().contains(header)) {
                throw refused("The header '" + header + "' is not allowed for cross-origin requests on this route.");
            }
        }
        headers.put("Access-Control-Allow-Methods", String.join(", ", new TreeSet<>(methods)));
        if (!asked.isEmpty()) {
            headers.put("Access-Control-Allow-Headers", String.join(", ", asked));
        }
        headers.put("Access-Control-Max-Age", Long.toString(cors.maxAge().toSeconds()));
        headers.remove("Access-Control-Expose-Headers");
        return headers;
    }

    /** The headers of an actual cross-origin response; 403 when the origin is not allowed. */
    public static Map<String, String> actual(CorsDefinition cors, String origin) {
        boolean listed = cors.origins().contains(origin.toLowerCase(Locale.ROOT));
        if (!listed && !cors.anyOrigin()) {
            throw refused("The origin is not allowed to call this route.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", listed || cors.credentials() ? origin : "*");
        if (cors.credentials()) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        headers.put("Access-Control-Expose-Headers", String.join(", ", new TreeSet<>(cors.exposeHeaders())));
        return headers;
    }

    private static GatewayException refused(String detail) {
        return new GatewayException(403, "CORS request refused", detail);
    }
}

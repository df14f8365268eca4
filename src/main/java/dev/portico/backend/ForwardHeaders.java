package dev.portico.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC §8's header policy toward a backend: end-to-end headers only, no client identity headers,
 * no token unless the backend wants it, no header names with underscores, and the X-Forwarded-* / Forwarded chain extended.
 */
public final class ForwardHeaders {
    /**
     * Not relayed as the client sent them: what the HTTP client sets itself (Host, the framing), what
     * Liberty already answered ({@code Expect: 100-continue}), and what the gateway sets below (the
     * forwarding chain, the request id). End-to-end headers such as Date, From, Via and Warning are relayed.
     */
    private static final HeaderNames NOT_RELAYED = HeaderNames.of("host", "content-length", "expect",
            "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "forwarded", "x-request-id");

    private ForwardHeaders() {
    }

    /**
     * Where a request came from, as the gateway saw it.
     *
     * @param clientIp the peer's address
     * @param trusted  whether the peer is a trusted proxy (portico.trusted-proxies): only then are the
     *                 forwarding headers it sent kept and extended; otherwise they are replaced
     */
    public record Origin(String clientIp, String proto, String host, boolean trusted) {
        public Origin(String clientIp, String proto, String host) {
            this(clientIp, proto, host, false);
        }
    }

    public static Map<String, List<String>> toBackend(Map<String, List<String>> incoming, Origin origin,
            boolean forwardToken, CallContext ctx) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        HopByHop.endToEnd(incoming).forEach((name, values) -> {
            // Underscored names: some servers read X_User as X-User, a way to smuggle past header rules.
            if (name.indexOf('_') >= 0 || NOT_RELAYED.contains(name) || name.regionMatches(true, 0, "x-portico-", 0, 10)
                    || (!forwardToken && name.equalsIgnoreCase("authorization"))) {
                return;
            }
            out.put(name, values);
        });
        // A client could claim any address, scheme or host: only a trusted proxy's claims are passed on.
        String priorFor = origin.trusted() ? join(incoming, "X-Forwarded-For") : null;
        out.put("X-Forwarded-For", List.of(priorFor == null ? origin.clientIp() : priorFor + ", " + origin.clientIp()));
        String priorProto = origin.trusted() ? join(incoming, "X-Forwarded-Proto") : null;
        out.put("X-Forwarded-Proto", List.of(priorProto != null ? priorProto : origin.proto()));
        String priorHost = origin.trusted() ? join(incoming, "X-Forwarded-Host") : null;
        if (priorHost != null || origin.host() != null) {
            out.put("X-Forwarded-Host", List.of(priorHost != null ? priorHost : origin.host()));
        }
        String element = "for=" + node(origin.clientIp()) + ";proto=" + origin.proto()
                + (origin.host() == null ? "" : ";host=\"" + origin.host().replace("\"", "") + "\"");
        String priorForwarded = origin.trusted() ? join(incoming, "Forwarded") : null;
        out.put("Forwarded", List.of(priorForwarded == null ? element : priorForwarded + ", " + element));
        ctx.addTo(out);
        return out;
    }

    /** The backend's response headers as relayed to the client. */
    public static Map<String, List<String>> toClient(Map<String, List<String>> fromBackend) {
        return HopByHop.endToEnd(fromBackend);
    }

    private static String node(String ip) {
        return ip.contains(":") ? "\"[" + ip + "]\"" : ip;
    }

    private static String join(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        headers.forEach((k, v) -> {
            if (k != null && k.equalsIgnoreCase(name)) {
                values.addAll(v);
            }
        });
        return values.isEmpty() ? null : String.join(", ", values);
    }
}

package dev.portico.backend;

import dev.portico.problem.RequestIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SPEC §8's header policy toward a backend: end-to-end headers only, no client identity headers,
 * no token unless the backend wants it, no header names with underscores, and the X-Forwarded-* / Forwarded chain extended.
 */
public final class ForwardHeaders {
    /**
     * Set by the HTTP client itself (Host, the framing), or already answered by Liberty ({@code Expect:
     * 100-continue}). End-to-end headers such as Date, From, Via and Warning are relayed.
     */
    private static final Set<String> CLIENT_OWNED = names("host", "content-length", "expect");

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
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            // Underscored names: some servers read X_User as X-User, a way to smuggle past header rules.
            if (name.indexOf('_') >= 0 || CLIENT_OWNED.contains(lower) || lower.startsWith("x-portico-") || lower.equals("x-forwarded-for")
                    || lower.equals("x-forwarded-proto") || lower.equals("x-forwarded-host") || lower.equals("forwarded")
                    || (!forwardToken && lower.equals("authorization"))) {
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
        if (ctx.requestId() != null) {
            // The client's own id if it was sane, else the one the gateway made: the backend gets the one the client sees.
            out.keySet().removeIf(name -> name.equalsIgnoreCase(RequestIds.HEADER));
            out.put(RequestIds.HEADER, List.of(ctx.requestId()));
        }
        if (ctx.subject() != null) {
            out.put(CallContext.SUBJECT_HEADER, List.of(ctx.subject()));
            out.put(CallContext.ROLES_HEADER, List.of(ctx.roles()));
        }
        if (ctx.clientType() != null) {
            out.put(CallContext.CLIENT_TYPE_HEADER, List.of(ctx.clientType()));
        }
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

    private static Set<String> names(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return set;
    }
}

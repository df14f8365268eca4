package dev.portico.api;

import dev.portico.cluster.ResponseStore;
import dev.portico.filter.Exchange;
import dev.portico.reply.Reply;
import java.net.URI;
import java.util.Set;

/**
 * RFC 9111 §4.4: a successful unsafe request (POST, PUT, PATCH, DELETE, …) on any route makes what is
 * stored for its target, and for the same-origin {@code Location} and {@code Content-Location} of its
 * answer, unusable, on every node.
 */
final class Invalidation {
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private Invalidation() {
    }

    /** The reply, after invalidating what it makes stale. */
    static Reply after(Exchange exchange, Reply reply, ResponseStore store) {
        if (SAFE.contains(exchange.method()) || reply.problem() != null || reply.status() < 200 || reply.status() >= 400) {
            return reply;
        }
        store.remove(CachingHandler.key(exchange));
        for (String header : new String[] {"Location", "Content-Location"}) {
            String target = sameOrigin(reply.header(header), exchange.header("Host"));
            if (target != null) {
                store.remove(target);
            }
        }
        return reply;
    }

    /** The path and query of a URI reference on this gateway; null for another origin or a bad reference. */
    static String sameOrigin(String reference, String host) {
        if (reference == null) {
            return null;
        }
        try {
            URI uri = URI.create(reference.trim());
            if (uri.getRawAuthority() != null && !uri.getRawAuthority().equalsIgnoreCase(host)) {
                return null;
            }
            String path = uri.getRawPath();
            if (path == null || !path.startsWith("/")) {
                return null;
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package dev.portico.security;

import java.util.function.Predicate;

/** Who the client is by address: the peer, or, behind trusted proxies, the nearest address they vouch for. */
public final class ClientAddress {
    private ClientAddress() {
    }

    /**
     * @param peer          the socket's remote address
     * @param forwardedFor  the {@code X-Forwarded-For} value(s) joined with commas, or null
     * @param trusted       whether an address is a trusted proxy
     * @return the rightmost address in the chain that is not a trusted proxy (the leftmost when all are)
     */
    public static String resolve(String peer, String forwardedFor, Predicate<String> trusted) {
        if (!trusted.test(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        String candidate = peer;
        for (int i = hops.length - 1; i >= 0; i--) {
            candidate = hops[i].trim();
            if (candidate.isEmpty() || !trusted.test(candidate)) {
                return candidate.isEmpty() ? peer : candidate;
            }
        }
        return candidate;
    }
}

package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardHeadersTest {
    /** The peer is a trusted proxy: its forwarding headers are extended. */
    private static final ForwardHeaders.Origin ORIGIN = new ForwardHeaders.Origin("::1", "https", "gw.example:443", true);

    @Test
    void extendsTheForwardingChainAndDropsWhatMustNotPass() {
        Map<String, List<String>> in = new LinkedHashMap<>();
        in.put("Host", List.of("gw.example:443"));
        in.put("Content-Length", List.of("5"));
        in.put("Connection", List.of("X-Secret"));
        in.put("X-Secret", List.of("s"));
        in.put("X-Portico-Roles", List.of("admin"));
        in.put("Authorization", List.of("Bearer t"));
        in.put("X-Forwarded-For", List.of("10.0.0.1"));
        in.put("Forwarded", List.of("for=10.0.0.1"));
        in.put("Accept", List.of("application/json"));
        in.put("X_Portico_Subject", List.of("admin"));

        Map<String, List<String>> out = ForwardHeaders.toBackend(in, ORIGIN, false,
                new CallContext("r1", "123", "user", "mobile"));

        assertEquals(List.of("application/json"), out.get("Accept"));
        assertEquals(List.of("10.0.0.1, ::1"), out.get("X-Forwarded-For"));
        assertEquals(List.of("for=10.0.0.1, for=\"[::1]\";proto=https;host=\"gw.example:443\""), out.get("Forwarded"));
        assertEquals(List.of("https"), out.get("X-Forwarded-Proto"));
        assertEquals(List.of("gw.example:443"), out.get("X-Forwarded-Host"));
        assertEquals(List.of("123"), out.get("X-Portico-Subject"));
        assertEquals(List.of("user"), out.get("X-Portico-Roles"));
        assertEquals(List.of("mobile"), out.get("X-Portico-Client-Type"));
        for (String gone : List.of("Host", "Content-Length", "Connection", "X-Secret", "Authorization",
                "X_Portico_Subject")) {
            assertFalse(out.containsKey(gone), gone);
        }
    }

    @Test
    void theTokenPassesWhenTheBackendWantsIt() {
        Map<String, List<String>> out = ForwardHeaders.toBackend(Map.of("Authorization", List.of("Bearer t")), ORIGIN,
                true, new CallContext("r1", null, null));
        assertEquals(List.of("Bearer t"), out.get("Authorization"));
        assertFalse(out.containsKey("X-Portico-Subject"));
    }

    @Test
    void anUntrustedPeersForwardingClaimsAreReplacedNotExtended() {
        Map<String, List<String>> in = Map.of("X-Forwarded-For", List.of("1.2.3.4"), "Forwarded", List.of("for=1.2.3.4"),
                "X-Forwarded-Proto", List.of("https"), "X-Forwarded-Host", List.of("bank.example"));

        Map<String, List<String>> out = ForwardHeaders.toBackend(in,
                new ForwardHeaders.Origin("203.0.113.7", "http", "gw.example"), false, new CallContext("r1", null, null));

        assertEquals(List.of("203.0.113.7"), out.get("X-Forwarded-For"));
        assertEquals(List.of("for=203.0.113.7;proto=http;host=\"gw.example\""), out.get("Forwarded"));
        assertEquals(List.of("http"), out.get("X-Forwarded-Proto"));
        assertEquals(List.of("gw.example"), out.get("X-Forwarded-Host"));
    }

    @Test
    void aTrustedProxysSchemeAndHostAreKept() {
        Map<String, List<String>> out = ForwardHeaders.toBackend(Map.of("X-Forwarded-Proto", List.of("https"),
                "X-Forwarded-Host", List.of("api.example")), new ForwardHeaders.Origin("10.0.0.2", "http", "gw:9080", true),
                false, new CallContext("r1", null, null));

        assertEquals(List.of("https"), out.get("X-Forwarded-Proto"));
        assertEquals(List.of("api.example"), out.get("X-Forwarded-Host"));
        assertEquals(List.of("10.0.0.2"), out.get("X-Forwarded-For"));
    }
}

package dev.portico.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final Predicate<String> PROXIES = Set.of("10.0.0.1", "10.0.0.2")::contains;

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertEquals("203.0.113.9", ClientAddress.resolve("203.0.113.9", "1.2.3.4", PROXIES));
    }

    @Test
    void behindTrustedProxiesTheNearestUntrustedHopIsTheClient() {
        assertEquals("198.51.100.7", ClientAddress.resolve("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2", PROXIES),
                "the spoofable left part is ignored");
        assertEquals("10.0.0.2", ClientAddress.resolve("10.0.0.1", "10.0.0.2", PROXIES), "all trusted: the leftmost");
        assertEquals("10.0.0.1", ClientAddress.resolve("10.0.0.1", null, PROXIES));
        assertEquals("10.0.0.1", ClientAddress.resolve("10.0.0.1", " , ", PROXIES));
    }
}

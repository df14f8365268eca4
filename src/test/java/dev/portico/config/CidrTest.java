package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    @Test
    void matchesAddressesInsideTheBlockOnly() {
        Cidr ten = Cidr.parse("10.0.0.0/8");
        assertTrue(ten.contains("10.1.2.3"));
        assertFalse(ten.contains("11.0.0.1"));
        assertFalse(ten.contains("::1"), "IPv6 never matches an IPv4 block");
        assertTrue(Cidr.parse("127.0.0.1").contains("127.0.0.1"));
        assertFalse(Cidr.parse("127.0.0.1").contains("127.0.0.2"));
        assertTrue(Cidr.parse("fd00::/8").contains("fd12:3456::1"));
        assertTrue(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1"));
        assertTrue(Cidr.parse("0.0.0.0/0").contains("203.0.113.9"));
        assertFalse(ten.contains("not-an-ip"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "10.0.0/8", "example.com", "10.0.0.0/x", "::1/129", "1.2.3.4/8/8"})
    void refusesWhatIsNotABlock(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }
}

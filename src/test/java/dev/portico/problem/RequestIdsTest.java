package dev.portico.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void keepsASaneId() {
        assertEquals("abc-1.2_3:4", RequestIds.keepOrGenerate("abc-1.2_3:4"));
        assertEquals("x".repeat(128), RequestIds.keepOrGenerate("x".repeat(128)));
    }

    @Test
    void replacesMissingOrInsaneIds() {
        for (String bad : new String[] {null, "", "x".repeat(129), "a b", "a\r\nSet-Cookie: x", "ü", "a/b"}) {
            String id = RequestIds.keepOrGenerate(bad);
            assertNotEquals(bad, id);
            assertTrue(id.matches("[0-9a-f-]{36}"), id);
        }
    }
}

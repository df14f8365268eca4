package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CallContextTest {
    @Test
    void theTokensClientTypeWinsOverTheHeader() {
        assertEquals("iot", CallContext.clientType("iot", "web"));
        assertEquals("mobile", CallContext.clientType(null, " Mobile "));
    }

    @Test
    void anUnknownClientTypeCountsAsNone() {
        assertNull(CallContext.clientType(null, "fridge"));
        assertNull(CallContext.clientType("admin", "web"), "a bad claim is not replaced by the header");
        assertNull(CallContext.clientType(null, null));
    }
}

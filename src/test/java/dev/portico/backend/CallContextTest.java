package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallContextTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aWellFormedTraceContextAndTheTokenWhenForwardedAreTheCallsHeaders() {
        CallContext ctx = new CallContext("r1", "123", "user", "web", TRACEPARENT, "a=b", "Bearer t0ken", null);

        Map<String, List<String>> withToken = new LinkedHashMap<>();
        ctx.addCallHeadersTo(withToken, true);
        assertEquals(List.of(TRACEPARENT), withToken.get("traceparent"));
        assertEquals(List.of("a=b"), withToken.get("tracestate"));
        assertEquals(List.of("Bearer t0ken"), withToken.get("Authorization"));
        assertEquals(List.of("r1"), withToken.get("X-Request-Id"));

        Map<String, List<String>> withoutToken = new LinkedHashMap<>();
        ctx.addCallHeadersTo(withoutToken, false);
        assertFalse(withoutToken.containsKey("Authorization"));
        assertEquals(List.of(TRACEPARENT), withoutToken.get("traceparent"));
    }

    @Test
    void onlyAW3cTraceparentIsKeptAndATracestateOnlyWithIt() {
        for (String bad : new String[] {"", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01",
            "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", TRACEPARENT + "-00", "00_0af7651916cd43dd8448eb211c80319c_b7ad6b7169203331_01",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0\n"}) {
            CallContext ctx = new CallContext("r1", null, null, null, bad, "a=b", null, null);
            assertNull(ctx.traceparent(), bad);
            assertNull(ctx.tracestate(), "no tracestate without a traceparent");
        }
        assertNull(new CallContext("r1", null, null, null, TRACEPARENT, "a=\u00e9", null, null).tracestate());
        assertNull(new CallContext("r1", null, null, null, TRACEPARENT, "a".repeat(CallContext.TRACESTATE_MAX + 1), null, null)
                .tracestate());
    }

    @Test
    void theTokenNeverShowsInToString() {
        String text = new CallContext("r1", "123", "user", null, null, null, "Bearer secret-token", null).toString();
        assertFalse(text.contains("secret-token"), text);
    }
}

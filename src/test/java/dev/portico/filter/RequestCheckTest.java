package dev.portico.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.config.Limits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestCheckTest {
    private static final Limits LIMITS = new Limits(200, 50);

    private static int status(Map<String, List<String>> headers, String uri) {
        return RequestCheck.problem(headers, uri, LIMITS).map(e -> e.status()).orElse(0);
    }

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return map;
    }

    @Test
    void anOrdinaryRequestPasses() {
        assertTrue(RequestCheck.problem(headers("Host", "h", "Content-Length", "3"), "/a?b=c", LIMITS).isEmpty());
    }

    @Test
    void ambiguousFramingIsABadRequest() {
        assertEquals(400, status(headers("Host", "h", "Host", "i"), "/"));
        assertEquals(0, status(headers("Accept", "*/*"), "/"), "HTTP/2 has no Host header");
        assertEquals(400, status(headers("Host", "h", "Content-Length", "3", "Transfer-Encoding", "chunked"), "/"));
        assertEquals(400, status(headers("Authorization", "Bearer a", "Authorization", "Bearer b"), "/"));
        assertEquals(400, status(headers("Content-Length", "3", "Content-Length", "4"), "/"));
        assertEquals(400, status(headers("Content-Length", "3, 4"), "/"));
        assertEquals(0, status(headers("Content-Length", "3", "Content-Length", "3"), "/"), "repeated, same value");
    }

    @Test
    void oversizeIsRefusedWithItsOwnStatus() {
        assertEquals(414, status(headers("Host", "h"), "/" + "a".repeat(50)));
        assertEquals(0, status(headers("Host", "h"), "/" + "a".repeat(49)));
        assertEquals(431, status(headers("Host", "h", "X-Big", "a".repeat(200)), "/"));
    }
}

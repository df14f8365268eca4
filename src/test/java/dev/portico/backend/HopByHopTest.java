package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HopByHopTest {
    @Test
    void dropsHopByHopHeadersAndThoseNamedInConnection() {
        Map<String, List<String>> in = new LinkedHashMap<>();
        in.put("Content-Type", List.of("application/json"));
        in.put("connection", List.of("close, X-Secret"));
        in.put("X-Secret", List.of("s"));
        in.put("Keep-Alive", List.of("timeout=5"));
        in.put("Transfer-Encoding", List.of("chunked"));
        in.put("Upgrade", List.of("h2c"));
        in.put("Proxy-Authorization", List.of("Basic x"));
        in.put("TE", List.of("trailers"));
        in.put("Trailer", List.of("x"));
        in.put("Proxy-Connection", List.of("keep-alive"));
        in.put("ETag", List.of("\"1\""));

        assertEquals(Map.of("Content-Type", List.of("application/json"), "ETag", List.of("\"1\"")),
                HopByHop.endToEnd(in));
    }
}

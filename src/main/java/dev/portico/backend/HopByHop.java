package dev.portico.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SPEC §8's header policy: hop-by-hop headers, and those named in {@code Connection}, are not relayed.
 * {@code Content-Length} is framing too: whoever sends the message sets it. On every request's path,
 * so it builds nothing unless a {@code Connection} header names more.
 */
public final class HopByHop {
    private static final HeaderNames ALWAYS = HeaderNames.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "proxy-authorization", "proxy", "content-length");

    private HopByHop() {
    }

    /** The end-to-end headers of {@code headers} (names compared case-insensitively; the value lists are shared). */
    public static Map<String, List<String>> endToEnd(Map<String, List<String>> headers) {
        HeaderNames listed = null;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("connection".equalsIgnoreCase(header.getKey())) {
                listed = listed == null ? new HeaderNames() : listed;
                for (String value : header.getValue()) {
                    for (String token : value.split(",")) {
                        if (!token.isBlank()) {
                            listed.add(token.trim());
                        }
                    }
                }
            }
        }
        Map<String, List<String>> kept = new LinkedHashMap<>(headers.size() * 2);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if (name != null && !ALWAYS.contains(name) && (listed == null || !listed.contains(name))) {
                kept.put(name, header.getValue());
            }
        }
        return kept;
    }
}

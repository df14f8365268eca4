package dev.portico.backend;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** SPEC §8's header policy: hop-by-hop headers, and those named in {@code Connection}, are not relayed. */
public final class HopByHop {
    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "transfer-encoding", "upgrade", "proxy-authorization", "proxy", "content-length");

    private HopByHop() {
    }

    /** The end-to-end headers of {@code headers} (names compared case-insensitively). */
    public static Map<String, List<String>> endToEnd(Map<String, List<String>> headers) {
        Set<String> drop = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        drop.addAll(ALWAYS);
        headers.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("connection")) {
                values.forEach(v -> Arrays.stream(v.split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).forEach(drop::add));
            }
        });
        Map<String, List<String>> kept = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name != null && !drop.contains(name)) {
                kept.put(name, List.copyOf(values));
            }
        });
        return kept;
    }
}

package dev.portico.demo;

import java.util.List;
import java.util.Map;

/** One request as a reference service received it: what tests assert on. */
public record Received(String method, String target, Map<String, List<String>> headers, String body) {

    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}

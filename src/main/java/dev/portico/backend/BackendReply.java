package dev.portico.backend;

import java.util.List;
import java.util.Map;

/** A backend's answer, read whole: status, headers (hop-by-hop already removed) and body. */
public record BackendReply(int status, Map<String, List<String>> headers, String body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}

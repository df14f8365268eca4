package dev.portico.observe;

import static dev.portico.json.Jsons.JSON;

import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** One access-log line as JSON: what ops need to follow a request, and never a token. */
public final class AccessLog {
    private AccessLog() {
    }

    /** Fields that are null are left out. */
    public static String line(Instant time, String requestId, String route, String method, String path, int status,
            long durationMicros, String backend, String subject) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("time", time.toString())
                .add("requestId", requestId == null ? "" : requestId);
        if (route != null) {
            json.add("route", route);
        }
        json.add("method", method).add("path", path).add("status", status)
                .add("durationMs", durationMicros / 1000.0);
        if (backend != null) {
            json.add("backend", backend);
        }
        if (subject != null) {
            json.add("subject", subject);
        }
        return json.build().toString();
    }
}

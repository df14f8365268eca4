package dev.portico.observe;

import static dev.portico.json.Jsons.JSON;

import jakarta.json.JsonObjectBuilder;

/** One access-log line as JSON: what ops need to follow a request, and never a token. */
public final class AccessLog {
    private AccessLog() {
    }

    /** Fields that are null are left out. */
    static String line(AccessLogWriter.Entry e) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("time", e.time().toString())
                .add("requestId", e.requestId() == null ? "" : e.requestId());
        if (e.traceId() != null) {
            json.add("traceId", e.traceId());
        }
        if (e.route() != null) {
            json.add("route", e.route());
        }
        json.add("method", e.method()).add("path", e.path()).add("status", e.status())
                .add("durationMs", e.durationMicros() / 1000.0);
        if (e.backend() != null) {
            json.add("backend", e.backend());
        }
        if (e.instance() != null) {
            json.add("instance", e.instance());
        }
        if (e.subject() != null) {
            json.add("subject", e.subject());
        }
        if (e.cache() != null) {
            json.add("cache", e.cache());
        }
        return json.build().toString();
    }
}

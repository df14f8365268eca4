package dev.portico.problem;

import static dev.portico.json.Jsons.JSON;

import jakarta.json.JsonObjectBuilder;

/** Writes {@link Problem} as RFC 9457 JSON, leaving out members that are not set. */
public final class ProblemWriter {
    private ProblemWriter() {
    }

    public static String json(Problem p) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", p.type())
                .add("title", p.title())
                .add("status", p.status());
        if (p.detail() != null) {
            json.add("detail", p.detail());
        }
        if (p.instance() != null) {
            json.add("instance", p.instance());
        }
        if (p.requestId() != null) {
            json.add("requestId", p.requestId());
        }
        return json.build().toString();
    }
}

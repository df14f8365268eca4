package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.BackendReply;
import dev.portico.backend.Failures;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;

/** Turns backend replies and failures into gateway responses. */
final class Responses {
    /** Headers the gateway sets itself rather than relays. */
    private static final Set<String> OWN = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        OWN.addAll(Set.of("Content-Type", "Date", "Server", "X-Request-Id"));
    }

    private Responses() {
    }

    /** Relays a backend's answer unchanged (SPEC §8): status, end-to-end headers, body. */
    static Response relay(BackendReply reply) {
        Response.ResponseBuilder out = Response.status(reply.status());
        reply.headers().forEach((name, values) -> {
            if (!OWN.contains(name)) {
                values.forEach(v -> out.header(name, v));
            }
        });
        String type = reply.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Content-Type") && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        return out.entity(reply.body().isEmpty() ? null : reply.body()).type(type).build();
    }

    /** A backend's JSON body as a part of an aggregate; a non-2xx answer fails the part. */
    static JsonValue json(String backend, BackendReply reply) {
        if (reply.status() == 404) {
            throw new GatewayException(404, "Not Found", "The " + backend + " service has no such resource.");
        }
        if (!reply.ok()) {
            throw new GatewayException(502, "Bad Gateway", "The " + backend + " service answered " + reply.status() + ".");
        }
        try {
            return JSON.createReader(new StringReader(reply.body())).readValue();
        } catch (JsonException e) {
            throw new GatewayException(502, "Bad Gateway", "The " + backend + " service answered with invalid JSON.");
        }
    }

    static Response ok(Object json) {
        return Response.ok(json.toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The problem for a failed call to {@code backend}. */
    static Response failure(String backend, Throwable e) {
        return Problems.response(Failures.toProblem(backend, e));
    }
}

package dev.portico.graphql;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.BackendReply;
import dev.portico.problem.GatewayException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Locale;

/** Turns a GraphQL-over-HTTP answer into its data, or into the problem its first error maps to. */
public final class GraphQLResults {
    private GraphQLResults() {
    }

    /** @return the answer's {@code data}; its first error, if any, as the problem it maps to */
    public static JsonValue data(String backend, BackendReply reply) {
        JsonObject body = parse(backend, reply);
        if (body.get("errors") instanceof jakarta.json.JsonArray errors && !errors.isEmpty()) {
            throw problem(backend, errors.get(0).asJsonObject());
        }
        JsonValue data = body.get("data");
        if (!(data instanceof JsonObject)) {
            throw new GatewayException(502, "Bad Gateway", "The " + backend + " service answered without data.");
        }
        return data;
    }

    private static JsonObject parse(String backend, BackendReply reply) {
        try {
            return JSON.createReader(new StringReader(reply.body())).readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new GatewayException(502, "Bad Gateway",
                    "The " + backend + " service gave an answer that is not GraphQL JSON (HTTP " + reply.status() + ").");
        }
    }

    /** Maps a GraphQL error by its {@code extensions.code} (or graphql-java's classification). */
    static GatewayException problem(String backend, JsonObject error) {
        JsonObject ext = error.get("extensions") instanceof JsonObject e ? e : JsonValue.EMPTY_JSON_OBJECT;
        String code = ext.getString("code", ext.getString("classification", "")).toUpperCase(Locale.ROOT);
        String message = error.getString("message", "");
        return switch (code) {
            case "NOT_FOUND" -> new GatewayException(404, "Not Found", message);
            case "BAD_USER_INPUT", "BAD_REQUEST", "VALIDATIONERROR", "GRAPHQL_VALIDATION_FAILED", "INVALIDSYNTAX" ->
                    new GatewayException(400, "Bad Request", message);
            case "FORBIDDEN" -> new GatewayException(403, "Forbidden", message);
            default -> new GatewayException(502, "Bad Gateway", "The " + backend + " service reported an error.");
        };
    }
}

package dev.portico.compose;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.Failures;
import dev.portico.problem.GatewayException;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * How a composed route's body is made from its parts' values (SPEC §9), apart from how they are fetched:
 * each value goes under its part's member (or is merged into the root); a collecting part's results are
 * put beside the values they match; a failed optional part is listed under {@code errors}; a failed
 * required part, or every part failed, fails the whole.
 */
public final class Composition {
    /** A dependent part looks up at most this many distinct values in its one batch call. */
    public static final int MAX_COLLECTED = 100;

    private Composition() {
    }

    /** The combined body, and whether every part made it. */
    public record Result(JsonObject body, boolean complete) {
    }

    /** The value at the call's result path in its answer; missing is the backend's fault (502). */
    public static JsonValue result(Call call, JsonValue answer) {
        JsonValue value = call.result().get(answer);
        if (value == null || value == JsonValue.NULL) {
            throw new GatewayException(502, "Bad Gateway", "The " + call.backend() + " service answered without '"
                    + call.result() + "'.");
        }
        return value;
    }

    /** The distinct values a collecting part looks up, gathered from the parts it waits for. */
    public static JsonArray collect(Part part, Map<String, JsonValue> earlier) {
        JsonObjectBuilder document = JSON.createObjectBuilder();
        earlier.forEach(document::add);
        Set<String> values = new LinkedHashSet<>();
        for (JsonValue value : part.collect().collect(document.build())) {
            if (value instanceof JsonString s) {
                values.add(s.getString());
            } else if (value.getValueType() == JsonValue.ValueType.NUMBER) {
                values.add(value.toString());
            }
        }
        if (values.size() > MAX_COLLECTED) {
            throw new GatewayException(502, "Bad Gateway", "The part '" + part.name() + "' would look up "
                    + values.size() + " values; at most " + MAX_COLLECTED + " are looked up at once.");
        }
        JsonArrayBuilder out = JSON.createArrayBuilder();
        values.forEach(out::add);
        return out.build();
    }

    /**
     * Combines the parts' outcomes, in the parts' (dependency) order.
     *
     * @throws GatewayException the first required part's failure, or 502/504 when every part failed
     */
    public static Result combine(List<Part> parts, Map<String, CompletableFuture<JsonValue>> outcomes) {
        JsonValue body = JsonValue.EMPTY_JSON_OBJECT;
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        boolean complete = true;
        int failed = 0;
        boolean timedOut = false;
        for (Part part : parts) {
            CompletableFuture<JsonValue> outcome = outcomes.get(part.name());
            Throwable failure = !outcome.isDone() ? new TimeoutException()
                    : outcome.isCompletedExceptionally() ? outcome.handle((v, e) -> e).join() : null;
            if (failure == null) {
                body = place(part, body, outcome.join());
                continue;
            }
            GatewayException problem = Failures.toProblem(part.call().backend(), failure);
            if (part.required()) {
                throw problem;
            }
            failed++;
            timedOut |= problem.status() == 504;
            complete = false;
            errors.add(JSON.createObjectBuilder().add("part", part.name())
                    .add("status", problem.status()).add("title", problem.problem().title()));
        }
        if (failed == parts.size()) {
            throw timedOut ? new GatewayException(504, "Gateway Timeout", "No part of this route answered in time.")
                    : new GatewayException(502, "Bad Gateway", "Every part of this route failed.");
        }
        JsonObject out = body.asJsonObject();
        return new Result(complete ? out : JSON.createObjectBuilder(out).add("errors", errors).build(), complete);
    }

    private static JsonValue place(Part part, JsonValue body, JsonValue value) {
        if (part.collecting()) {
            return join(part, body, value);
        }
        if (part.into().root()) {
            if (!(value instanceof JsonObject members)) {
                throw new GatewayException(502, "Bad Gateway", "The " + part.call().backend()
                        + " service's answer is not an object to merge.");
            }
            return JSON.createObjectBuilder(body.asJsonObject()).addAll(JSON.createObjectBuilder(members)).build();
        }
        return JSON.createObjectBuilder(body.asJsonObject()).add(part.into().toString(), value).build();
    }

    /** Puts each result element beside every collected value it matches (by the part's {@code match} member). */
    private static JsonValue join(Part part, JsonValue body, JsonValue results) {
        Map<String, JsonValue> byKey = new HashMap<>();
        for (JsonValue element : results instanceof JsonArray a ? a : List.of(results)) {
            JsonValue key = element instanceof JsonObject o ? o.get(part.match()) : null;
            if (key != null) {
                byKey.put(key instanceof JsonString s ? s.getString() : key.toString(), element);
            }
        }
        String member = part.collect().last();
        return part.collect().updateHolders(body, holder -> {
            JsonValue key = holder.get(member);
            JsonValue found = byKey.get(key instanceof JsonString s ? s.getString() : String.valueOf(key));
            return found == null ? holder : JSON.createObjectBuilder(holder).add(part.into().toString(), found).build();
        });
    }
}

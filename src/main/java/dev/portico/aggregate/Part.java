package dev.portico.aggregate;

import jakarta.json.JsonValue;
import java.util.concurrent.CompletionStage;

/**
 * One part of an aggregate response: its member name, the backend that serves it, whether the
 * whole response fails without it, and the call under way.
 */
public record Part(String name, String backend, boolean required, CompletionStage<JsonValue> value) {

    public static Part required(String name, String backend, CompletionStage<JsonValue> value) {
        return new Part(name, backend, true, value);
    }

    public static Part optional(String name, String backend, CompletionStage<JsonValue> value) {
        return new Part(name, backend, false, value);
    }
}

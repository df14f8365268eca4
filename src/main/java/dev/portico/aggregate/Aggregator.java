package dev.portico.aggregate;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.Failures;
import dev.portico.problem.GatewayException;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Waits for parts already running in parallel, under one deadline, and combines them into one
 * JSON object. A failed required part fails the whole; a failed optional part is left out and
 * reported under {@code errors}, and the result is marked incomplete.
 */
public final class Aggregator {
    private Aggregator() {
    }

    /** The combined body, and whether every part made it. */
    public record Result(JsonObject body, boolean complete) {
    }

    public static CompletionStage<Result> combine(List<Part> parts, Duration remaining) {
        List<CompletableFuture<JsonValue>> running = parts.stream()
                .map(p -> p.value().toCompletableFuture().copy().orTimeout(remaining.toMillis(), TimeUnit.MILLISECONDS))
                .toList();
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .handle((ignored, firstFailure) -> assemble(parts, running));
    }

    private static Result assemble(List<Part> parts, List<CompletableFuture<JsonValue>> done) {
        JsonObjectBuilder body = JSON.createObjectBuilder();
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        boolean complete = true;
        GatewayException requiredFailure = null;
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Throwable failure = done.get(i).handle((v, e) -> e).join();
            if (failure == null) {
                body.add(part.name(), done.get(i).join());
                continue;
            }
            GatewayException problem = Failures.toProblem(part.backend(), failure);
            if (part.required()) {
                requiredFailure = requiredFailure == null ? problem : requiredFailure;
            } else {
                complete = false;
                errors.add(JSON.createObjectBuilder().add("part", part.name())
                        .add("status", problem.status()).add("title", problem.problem().title()));
            }
        }
        if (requiredFailure != null) {
            throw new CompletionException(requiredFailure);
        }
        if (!complete) {
            body.add("errors", errors);
        }
        return new Result(body.build(), complete);
    }
}

package dev.portico.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.problem.GatewayException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class AggregatorTest {
    private static final JsonValue USER = Json.createObjectBuilder().add("id", "123").build();
    private static final JsonValue ORDERS = Json.createArrayBuilder().add(1).build();

    private static CompletableFuture<JsonValue> failed(Throwable e) {
        return CompletableFuture.failedFuture(e);
    }

    @Test
    void combinesEveryPart() {
        Aggregator.Result result = Aggregator.combine(List.of(
                Part.required("user", "users", CompletableFuture.completedFuture(USER)),
                Part.optional("orders", "orders", CompletableFuture.completedFuture(ORDERS))),
                Duration.ofSeconds(1)).toCompletableFuture().join();

        assertTrue(result.complete());
        assertEquals("{\"user\":{\"id\":\"123\"},\"orders\":[1]}", result.body().toString());
    }

    @Test
    void aFailedOptionalPartIsReportedNotFatal() {
        Aggregator.Result result = Aggregator.combine(List.of(
                Part.required("user", "users", CompletableFuture.completedFuture(USER)),
                Part.optional("orders", "orders", failed(new GatewayException(502, "Bad Gateway", "down")))),
                Duration.ofSeconds(1)).toCompletableFuture().join();

        assertFalse(result.complete());
        JsonObject body = result.body();
        assertFalse(body.containsKey("orders"));
        JsonObject error = body.getJsonArray("errors").getJsonObject(0);
        assertEquals("orders", error.getString("part"));
        assertEquals(502, error.getInt("status"));
    }

    @Test
    void aFailedRequiredPartFailsTheWhole() {
        CompletionException e = assertThrows(CompletionException.class, () -> Aggregator.combine(List.of(
                Part.required("user", "users", failed(new GatewayException(404, "Not Found", "no user"))),
                Part.optional("orders", "orders", CompletableFuture.completedFuture(ORDERS))),
                Duration.ofSeconds(1)).toCompletableFuture().join());

        assertEquals(404, assertInstanceOf(GatewayException.class, e.getCause()).status());
    }

    @Test
    void aPartPastTheDeadlineIsAGatewayTimeout() {
        Aggregator.Result result = Aggregator.combine(List.of(
                Part.required("user", "users", CompletableFuture.completedFuture(USER)),
                Part.optional("orders", "orders", new CompletableFuture<>())),
                Duration.ofMillis(50)).toCompletableFuture().join();

        assertEquals(504, result.body().getJsonArray("errors").getJsonObject(0).getInt("status"));
    }
}

package dev.portico.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Asserts that a response is an RFC 9457 problem of the gateway. */
public final class Problems {
    private Problems() {
    }

    public static JsonObject assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = Gateway.json(response);
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("type").startsWith("https://portico.dev/problems/"), problem.toString());
        assertFalse(problem.getString("title").isBlank());
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertEquals(requestId, problem.getString("requestId"));
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
        return problem;
    }
}

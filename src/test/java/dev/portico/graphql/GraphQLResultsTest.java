package dev.portico.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.backend.BackendReply;
import dev.portico.problem.GatewayException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQLResultsTest {
    private static BackendReply reply(int status, String body) {
        return new BackendReply(status, Map.of(), body);
    }

    @Test
    void returnsTheRequestedField() {
        assertEquals("{\"orders\":[1,2]}", GraphQLResults.data("orders", reply(200, "{\"data\":{\"orders\":[1,2]}}")).toString());
    }

    @Test
    void mapsErrorCodesToStatuses() {
        assertStatus(404, "{\"errors\":[{\"message\":\"gone\",\"extensions\":{\"code\":\"NOT_FOUND\"}}],\"data\":null}");
        assertStatus(400, "{\"errors\":[{\"message\":\"bad\",\"extensions\":{\"code\":\"BAD_USER_INPUT\"}}]}");
        assertStatus(400, "{\"errors\":[{\"message\":\"bad\",\"extensions\":{\"classification\":\"ValidationError\"}}]}");
        assertStatus(403, "{\"errors\":[{\"message\":\"no\",\"extensions\":{\"code\":\"FORBIDDEN\"}}]}");
        assertStatus(502, "{\"errors\":[{\"message\":\"NullPointerException at Foo.java:12\"}]}");
    }

    @Test
    void anUnexpectedAnswerIsABadGateway() {
        assertStatus(502, "<html>oops</html>");
        assertStatus(502, "{\"data\":null}");
        assertStatus(502, "{\"error\":\"injected fault\"}");
        assertStatus(502, "[]");
    }

    @Test
    void aBackendErrorMessageIsNotLeakedFor5xx() {
        GatewayException e = assertThrows(GatewayException.class, () -> GraphQLResults.data("orders",
                reply(200, "{\"errors\":[{\"message\":\"SQL error in db7.internal\"}]}")));
        assertEquals("The orders service reported an error.", e.problem().detail());
    }

    private static void assertStatus(int status, String body) {
        GatewayException e = assertThrows(GatewayException.class,
                () -> GraphQLResults.data("orders", reply(200, body)));
        assertEquals(status, e.status(), body);
    }
}

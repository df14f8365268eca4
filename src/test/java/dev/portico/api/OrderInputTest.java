package dev.portico.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.problem.GatewayException;
import dev.portico.security.Caller;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderInputTest {
    private static final Caller USER = new Caller("123", Set.of("user"));

    @Test
    void anOrderWithoutUserIdIsTheCallersOwn() {
        assertEquals("{\"userId\":\"123\",\"items\":[{\"productId\":\"1\",\"quantity\":2}]}",
                OrderInput.parse("{\"items\":[{\"productId\":\"1\",\"quantity\":2}]}", USER).toString());
    }

    @Test
    void anAdminMayOrderForAnotherUser() {
        assertEquals("124", OrderInput.parse("{\"userId\":\"124\",\"items\":[{\"productId\":\"1\",\"quantity\":1}]}",
                new Caller("ops", Set.of("admin"))).getString("userId"));
    }

    @Test
    void aUserMayNotOrderForAnother() {
        GatewayException e = assertThrows(GatewayException.class, () -> OrderInput.parse(
                "{\"userId\":\"124\",\"items\":[{\"productId\":\"1\",\"quantity\":1}]}", USER));
        assertEquals(403, e.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"items\":[]}", "{\"items\":{}}", "{\"items\":[1]}",
            "{\"items\":[{\"productId\":1,\"quantity\":1}]}", "{\"items\":[{\"productId\":\"1\",\"quantity\":1.5}]}",
            "{\"items\":[{\"productId\":\"../x\",\"quantity\":1}]}", "{\"userId\":\"a b\",\"items\":[]}"})
    void rejectsMalformedBodies(String body) {
        assertEquals(400, assertThrows(GatewayException.class, () -> OrderInput.parse(body, USER)).status());
    }
}

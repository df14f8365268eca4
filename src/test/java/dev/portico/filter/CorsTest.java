package dev.portico.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.config.CorsDefinition;
import dev.portico.problem.GatewayException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorsTest {
    private static final CorsDefinition APP = new CorsDefinition(Set.of("https://app.example"), Set.of(),
            CorsDefinition.DEFAULT_HEADERS, Set.of("X-Request-Id"), Duration.ofMinutes(10), false);
    private static final CorsDefinition ANY = new CorsDefinition(Set.of("*"), Set.of("GET"),
            CorsDefinition.DEFAULT_HEADERS, Set.of(), Duration.ofSeconds(60), false);
    private static final Set<String> ROUTE = Set.of("GET", "POST");

    @Test
    void anAllowedPreflightGetsEveryAnswerHeader() {
        Map<String, String> h = Cors.preflight(APP, ROUTE, "https://APP.example", "POST", "Content-Type, Authorization");

        assertEquals("https://APP.example", h.get("Access-Control-Allow-Origin"), "origins compare without case");
        assertEquals("GET, POST", h.get("Access-Control-Allow-Methods"));
        assertEquals("content-type, authorization", h.get("Access-Control-Allow-Headers"));
        assertEquals("600", h.get("Access-Control-Max-Age"));
        assertFalse(h.containsKey("Access-Control-Allow-Credentials"));
    }

    @Test
    void aPreflightIsRefusedForAnyOriginMethodOrHeaderNotAllowed() {
        assertEquals(403, assertThrows(GatewayException.class,
                () -> Cors.preflight(APP, ROUTE, "https://evil.example", "GET", null)).status());
        assertThrows(GatewayException.class, () -> Cors.preflight(APP, ROUTE, "https://app.example", "DELETE", null));
        assertThrows(GatewayException.class, () -> Cors.preflight(APP, ROUTE, "https://app.example", "GET", "X-Evil"));
        assertThrows(GatewayException.class, () -> Cors.preflight(ANY, ROUTE, "https://any.example", "POST", null),
                "the policy's own methods narrow the route's");
        assertThrows(GatewayException.class, () -> Cors.actual(APP, "null"));
        assertThrows(GatewayException.class, () -> Cors.actual(APP, "https://app.example.evil.example"));
    }

    @Test
    void anyOriginAnswersStarWithoutCredentials() {
        Map<String, String> h = Cors.actual(ANY, "https://any.example");

        assertEquals("*", h.get("Access-Control-Allow-Origin"));
        assertFalse(h.containsKey("Access-Control-Allow-Credentials"));
    }

    @Test
    void credentialsEchoTheOrigin() {
        CorsDefinition withCredentials = new CorsDefinition(Set.of("https://app.example"), Set.of(),
                CorsDefinition.DEFAULT_HEADERS, Set.of(), Duration.ofMinutes(1), true);
        Map<String, String> h = Cors.actual(withCredentials, "https://app.example");

        assertEquals("https://app.example", h.get("Access-Control-Allow-Origin"));
        assertEquals("true", h.get("Access-Control-Allow-Credentials"));
    }
}

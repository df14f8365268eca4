package dev.portico.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import dev.portico.config.RouteDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {
    @Test
    void matchesParametersExactly() {
        PathTemplate t = PathTemplate.parse("/api/v1/things/{id}");
        assertEquals(Map.of("id", "42"), t.match("/api/v1/things/42").orElseThrow().params());
        assertTrue(t.match("/api/v1/things").isEmpty());
        assertTrue(t.match("/api/v1/things/42/x").isEmpty());
        assertTrue(t.match("/api/v1/things/").isEmpty());
        assertTrue(t.match("/api/v1/other/42").isEmpty());
    }

    @Test
    void aPrefixKeepsTheRest() {
        PathTemplate t = PathTemplate.parse("/api/v1/files/**");
        assertEquals("/a/b%20c", t.match("/api/v1/files/a/b%20c").orElseThrow().rest());
        assertEquals("", t.match("/api/v1/files").orElseThrow().rest());
        assertTrue(t.match("/api/v1/filesystem").isEmpty());
        assertEquals("", PathTemplate.parse("/**").match("/").orElseThrow().rest());
    }

    @Test
    void expandsABackendPath() {
        assertEquals("/t/42/x", PathTemplate.parse("/t/{id}").expand(Map.of("id", "42"), "/x"));
        assertEquals("/", PathTemplate.parse("/").expand(Map.of(), ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "/a//b", "/a/../b", "/a/{}", "/a/{1x}", "/a/**/b", "/a b"})
    void rejectsInvalidTemplates(String text) {
        assertThrows(IllegalArgumentException.class, () -> PathTemplate.parse(text));
    }

    /** The one split a request's path gets: as String.split("/", -1) after the leading slash. */
    @ParameterizedTest
    @ValueSource(strings = {"/a", "/a/b", "/a/b/", "//", "/a//b", "/%2F/x", "///"})
    void aPathIsSplitAsSplitWouldSplitIt(String path) {
        assertEquals(List.of(path.substring(1).split("/", -1)), List.of(PathTemplate.segments(path)));
    }

    @Test
    void aMatchHasItsParametersAndRestAndATemplateWithoutParametersNone() {
        assertEquals(Map.of("id", "7", "sub", "x"), PathTemplate.parse("/a/{id}/{sub}").match("/a/7/x").orElseThrow().params());
        assertEquals("/b/c", PathTemplate.parse("/a/**").match("/a/b/c").orElseThrow().rest());
        assertEquals(Map.of(), PathTemplate.parse("/a/**").match("/a").orElseThrow().params());
        assertEquals("", PathTemplate.parse("/a/**").match("/a").orElseThrow().rest());
        assertTrue(PathTemplate.parse("/a/{id}").match("/a/").isEmpty(), "an empty parameter does not match");
        assertTrue(PathTemplate.parse("/a/{id}").match("/b/7").isEmpty());
        assertEquals(0, PathTemplate.segments("/").length);
    }

    @Test
    void theFirstMatchingRouteWinsAndOtherMethodsAreReported() {
        RouteDefinition p = RouteDefinition.of("a", RouteDefinition.Auth.NONE, Set.of(), null);
        GatewayRoute get = GatewayRoute.declared(p, PathTemplate.parse("/x/{id}"), Set.of("GET"), "b", PathTemplate.parse("/"));
        GatewayRoute post = GatewayRoute.declared(p, PathTemplate.parse("/x/**"), Set.of("POST"), "b", PathTemplate.parse("/"));
        RouteTable table = new RouteTable(List.of(get, post));

        assertEquals(get, table.match("GET", "/x/1").route());
        assertEquals(post, table.match("POST", "/x/1").route());
        assertEquals(Set.of("GET", "POST"), table.match("DELETE", "/x/1").allowed());
        assertTrue(table.match("GET", "/y").allowed().isEmpty());
        assertEquals(get, table.match("DELETE", "/x/1").onPath());
    }
}

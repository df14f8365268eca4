package dev.portico.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/users/123", "/api/user/123/orders", "/a%20b", "/", "", "/x.y/..z/.a",
        "/api/v1/echo/", "/caf%C3%A9", "/a%2520b"})
    void acceptsOrdinaryPaths(String path) {
        assertEquals(Optional.empty(), PathCheck.problem(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/../admin", "/api/./x", "/api/%2e%2e/admin", "/api/%2E./x", "/a%2fb", "/a%5Cb",
            "/a%", "/a%4", "/a%zz", "/a%00b", "/a%0d%0ab", "/api/..",
            "/api/%252e%252e/admin", "/api/%25252e%25252e/admin", "/a%252fb", "/a%255cb", "/a%2500", "/a\\b",
            "/api/v1/users/123;jsessionid=x", "/api/v1/users;x=1/123", "/a%3bb", "/a%253bb", "//admin", "/api//x",
            "/a%25zz"})
    void rejectsAmbiguousOrMalformedPaths(String path) {
        assertTrue(PathCheck.problem(path).isPresent(), path);
    }
}

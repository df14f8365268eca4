package dev.portico.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VersionsTest {
    @Test
    void unversionedApiPathsGoToTheAskedOrDefaultVersion() {
        assertEquals("/api/v1/users/1", Versions.route("/api/users/1", null, "v1"));
        assertEquals("/api/v2/users/1", Versions.route("/api/users/1", "2", "v1"));
        assertEquals("/api/v2/users/1", Versions.route("/api/users/1", "v2", "v1"));
    }

    @Test
    void versionedSeedAndOtherPathsStay() {
        assertEquals("/api/v1/users/1", Versions.route("/api/v1/users/1", "2", "v1"));
        assertEquals("/api/user/123/orders", Versions.route("/api/user/123/orders", "2", "v1"));
        assertEquals("/health", Versions.route("/health", "2", "v1"));
    }

    @Test
    void aBadVersionHeaderIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Versions.route("/api/x", "two", "v1"));
        assertThrows(IllegalArgumentException.class, () -> Versions.route("/api/x", "0", "v1"));
    }
}

package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeaderNamesTest {
    @Test
    void matchesWhateverTheCaseAndNothingElse() {
        HeaderNames names = HeaderNames.of("te", "keep-alive", "connection", "x-request-id");
        assertTrue(names.contains("TE"));
        assertTrue(names.contains("Keep-Alive"));
        assertTrue(names.contains("CONNECTION"));
        assertTrue(names.contains("X-Request-Id"));
        assertFalse(names.contains("t"));
        assertFalse(names.contains("tes"));
        assertFalse(names.contains("Keep-Alivf"));
        assertFalse(names.contains(""));
        assertFalse(names.contains("a-very-long-header-name-longer-than-any-in-the-set"));
    }

    @Test
    void growsAsNamesAreAdded() {
        HeaderNames names = new HeaderNames();
        assertFalse(names.contains("x-secret"));
        names.add("X-Secret");
        names.add("x-secret");
        assertTrue(names.contains("x-SECRET"));
    }
}

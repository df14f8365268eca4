package dev.portico.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void parsesEveryUnit() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("2s"));
        assertEquals(Duration.ofMinutes(1), Durations.parse(" 1m "));
        assertEquals(Duration.ofHours(3), Durations.parse("3h"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "s", "-1s", "1.5s", "2 s", "2sec", "1w", "9999999999s"})
    void rejectsWhatIsNotADuration(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("500ms"), e.getMessage());
    }
}

package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    @Test
    void countsFromTheRequestsStartNotFromTheCall() {
        long started = System.nanoTime() - Duration.ofMillis(700).toNanos();
        Deadline deadline = Deadline.of(started, Duration.ofSeconds(1));

        assertTrue(deadline.remaining().compareTo(Duration.ofMillis(300)) <= 0, deadline.remaining().toString());
        assertFalse(deadline.passed());
    }

    @Test
    void aPassedDeadlineHasNothingLeft() {
        Deadline deadline = Deadline.of(System.nanoTime() - Duration.ofSeconds(2).toNanos(), Duration.ofSeconds(1));

        assertTrue(deadline.passed());
        assertEquals(Duration.ZERO, deadline.remaining());
    }
}

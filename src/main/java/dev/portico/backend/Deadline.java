package dev.portico.backend;

import java.time.Duration;

/**
 * A route's deadline, fixed once per request: every backend call of the request, and every retry of
 * each, gets what is left of it, so a second or dependent call does not start the clock again.
 *
 * @param atNanos the {@link System#nanoTime()} at which it passes
 */
public record Deadline(long atNanos) {
    /** The deadline {@code timeout} after {@code startedNanos} (a {@link System#nanoTime()}, e.g. the request's start). */
    public static Deadline of(long startedNanos, Duration timeout) {
        return new Deadline(startedNanos + timeout.toNanos());
    }

    /** The deadline {@code timeout} from now. */
    public static Deadline in(Duration timeout) {
        return of(System.nanoTime(), timeout);
    }

    /** What is left of it; zero once it has passed. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    public boolean passed() {
        return System.nanoTime() - atNanos >= 0;
    }
}

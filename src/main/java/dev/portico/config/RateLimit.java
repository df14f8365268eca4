package dev.portico.config;

import java.time.Duration;

/**
 * A route's rate limit, {@code portico.route.<id>.rate-limit=100/1m}: at most {@code limit} requests per
 * {@code window} per consumer, refilled continuously, with bursts up to the limit.
 */
public record RateLimit(long limit, Duration window) {

    /** @throws IllegalArgumentException when {@code text} is not like {@code 100/1m} */
    public static RateLimit parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2 || !parts[0].trim().matches("[1-9][0-9]{0,8}")) {
            throw new IllegalArgumentException("'" + text + "' is not a rate like 100/1m (requests/duration)");
        }
        Duration window = Durations.parse(parts[1].trim());
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("'" + text + "' has a window under 1s");
        }
        return new RateLimit(Long.parseLong(parts[0].trim()), window);
    }
}

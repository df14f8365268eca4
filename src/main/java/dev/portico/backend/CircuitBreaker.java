package dev.portico.backend;

/**
 * A backend's circuit breaker: {@code threshold} consecutive failures open it for {@code openMillis};
 * then one probe is let through (half-open): its success closes the circuit, its failure re-opens it.
 * While open, calls are refused without reaching the backend. Thread-safe; time passed in.
 */
public final class CircuitBreaker {
    /** Where the breaker stands. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openMillis;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openUntil;
    private boolean probing;

    public CircuitBreaker(int threshold, long openMillis) {
        this.threshold = threshold;
        this.openMillis = openMillis;
    }

    /** May a call go out now? In half-open state only one probe at a time may. */
    public synchronized boolean allow(long nowMillis) {
        if (state == State.OPEN && nowMillis >= openUntil) {
            state = State.HALF_OPEN;
            probing = false;
        }
        if (state == State.HALF_OPEN) {
            if (probing) {
                return false;
            }
            probing = true;
            return true;
        }
        return state == State.CLOSED;
    }

    public synchronized void success() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        probing = false;
    }

    public synchronized void failure(long nowMillis) {
        if (state == State.HALF_OPEN || ++consecutiveFailures >= threshold) {
            state = State.OPEN;
            openUntil = nowMillis + openMillis;
            consecutiveFailures = 0;
            probing = false;
        }
    }

    public synchronized State state() {
        return state;
    }
}

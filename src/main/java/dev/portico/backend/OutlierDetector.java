package dev.portico.backend;

/**
 * Passive health of one instance: after {@code threshold} consecutive failures it is ejected for
 * {@code coolOffMillis}, then re-admitted (a success resets the count). Thread-safe; time passed in.
 */
public final class OutlierDetector {
    private final int threshold;
    private final long coolOffMillis;
    private int consecutiveFailures;
    private long ejectedUntil;

    public OutlierDetector(int threshold, long coolOffMillis) {
        this.threshold = threshold;
        this.coolOffMillis = coolOffMillis;
    }

    public synchronized void success() {
        consecutiveFailures = 0;
    }

    public synchronized void failure(long nowMillis) {
        if (++consecutiveFailures >= threshold) {
            ejectedUntil = nowMillis + coolOffMillis;
            consecutiveFailures = 0;
        }
    }

    public synchronized boolean ejected(long nowMillis) {
        return nowMillis < ejectedUntil;
    }
}

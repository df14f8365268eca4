package dev.portico.demo;

import java.time.Duration;

/** Faults a test injects into a reference service: a delay before answering, or a forced status. */
public final class Faults {
    private volatile Duration delay = Duration.ZERO;
    private volatile int status;

    public Faults delay(Duration value) {
        this.delay = value;
        return this;
    }

    /** Answer every request with this status (0 = behave normally). */
    public Faults status(int value) {
        this.status = value;
        return this;
    }

    public void reset() {
        delay = Duration.ZERO;
        status = 0;
    }

    public int status() {
        return status;
    }

    void pause() {
        Duration d = delay;
        if (!d.isZero()) {
            try {
                Thread.sleep(d.toMillis()); // simulates a slow backend; not used for synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package dev.portico.backend;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** One instance of a backend: its base URL, calls in flight, and its active and passive health. */
public final class Instance {
    private final URI base;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final OutlierDetector outliers;
    private volatile boolean healthy = true;

    public Instance(URI base, OutlierDetector outliers) {
        this.base = base;
        this.outliers = outliers;
    }

    public URI base() {
        return base;
    }

    public int inFlight() {
        return inFlight.get();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished(boolean failed, long nowMillis) {
        inFlight.decrementAndGet();
        if (failed) {
            outliers.failure(nowMillis);
        } else {
            outliers.success();
        }
    }

    /** Set by the active health check. */
    public void healthy(boolean value) {
        healthy = value;
    }

    /** Healthy by the active check and not ejected by outlier detection. */
    public boolean available(long nowMillis) {
        return healthy && !outliers.ejected(nowMillis);
    }

    public boolean activelyHealthy() {
        return healthy;
    }

    public boolean ejected(long nowMillis) {
        return outliers.ejected(nowMillis);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}

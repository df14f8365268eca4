package dev.portico.backend;

/**
 * The backend gave no usable answer: refused or reset (502), unavailable (503) or too slow (504).
 * Safe to retry for reads.
 */
public final class BackendUnreachable extends RuntimeException {
    private final int status;

    public BackendUnreachable(String backend, int status, Throwable cause) {
        super(backend + (status == 504 ? " timed out" : status == 503 ? " unavailable" : " unreachable"),
                cause, false, false);
        this.status = status;
    }

    /** The gateway status this failure maps to when no retry helps. */
    public int status() {
        return status;
    }
}

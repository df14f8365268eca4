package dev.portico.backend;

/**
 * Caps retries at a share of requests: each request earns {@code ratio} of a retry, each retry
 * spends one, and savings are capped. A failing backend so sees at most (1 + ratio) × the calls
 * clients made plus the initial allowance, however many retries are configured. Thread-safe.
 */
public final class RetryBudget {
    private final double ratio;
    private final double cap;
    private double balance;

    /** @param initial retries allowed before any request has earned one (so a quiet backend still retries) */
    public RetryBudget(double ratio, double cap, double initial) {
        this.ratio = ratio;
        this.cap = cap;
        this.balance = initial;
    }

    public synchronized void deposit() {
        balance = Math.min(cap, balance + ratio);
    }

    public synchronized boolean withdraw() {
        if (balance >= 1) {
            balance -= 1;
            return true;
        }
        return false;
    }
}

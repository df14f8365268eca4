package dev.portico.backend;

import dev.portico.config.BackendDefinition;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/** A backend at run time: its instances and balancer, and its breaker, bulkhead and retry budget. */
public final class Backend {
    static final int EJECT_AFTER_FAILURES = 5;
    static final long EJECT_FOR_MILLIS = 10_000;
    static final int BREAK_AFTER_FAILURES = 5;
    static final long BREAK_FOR_MILLIS = 5_000;
    static final double RETRY_RATIO = 0.2;

    private final BackendDefinition definition;
    private final List<Instance> instances;
    private final LoadBalancer balancer;
    private final CircuitBreaker breaker = new CircuitBreaker(BREAK_AFTER_FAILURES, BREAK_FOR_MILLIS);
    private final Semaphore bulkhead;
    private final RetryBudget retryBudget = new RetryBudget(RETRY_RATIO, 10, 2);
    private final HttpTransport transport;

    public Backend(BackendDefinition definition) {
        this.definition = definition;
        this.instances = definition.urls().stream()
                .map(u -> new Instance(u, new OutlierDetector(EJECT_AFTER_FAILURES, EJECT_FOR_MILLIS))).toList();
        this.balancer = LoadBalancer.of(definition.loadBalancer());
        this.bulkhead = new Semaphore(definition.maxConcurrent());
        this.transport = new HttpTransport(definition);
    }

    HttpTransport transport() {
        return transport;
    }

    public BackendDefinition definition() {
        return definition;
    }

    public String id() {
        return definition.id();
    }

    public List<Instance> instances() {
        return instances;
    }

    /** Instances that take requests now: passing their health check and not ejected as outliers. */
    public long availableInstances() {
        long now = System.currentTimeMillis();
        return instances.stream().filter(i -> i.available(now)).count();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    Semaphore bulkhead() {
        return bulkhead;
    }

    RetryBudget retryBudget() {
        return retryBudget;
    }

    /**
     * An available instance, preferring one not tried yet for this request; null when every
     * instance fails its active health check. When outlier detection has ejected every healthy
     * instance, they are used anyway (a "panic" mode, as Envoy's): the circuit breaker, not
     * ejection, is what stops calls to a backend that is failing as a whole.
     */
    Instance pick(Set<Instance> tried, long nowMillis) {
        List<Instance> available = instances.stream().filter(i -> i.available(nowMillis)).toList();
        if (available.isEmpty()) {
            available = instances.stream().filter(Instance::activelyHealthy).toList();
        }
        if (available.isEmpty()) {
            return null;
        }
        List<Instance> fresh = available.stream().filter(i -> !tried.contains(i)).toList();
        return balancer.choose(fresh.isEmpty() ? available : fresh);
    }
}

package dev.portico.backend;

import dev.portico.observe.Metrics;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/** Per-backend latency (to the response headers) and failures by kind, for /metrics; handles resolved once per backend. */
@Dependent
public class BackendMetrics {
    @Inject
    MetricRegistry registry;

    private final Map<String, Handles> byBackend = new ConcurrentHashMap<>();

    private record Handles(Timer latency, Map<Forwarder.Outcome, Counter> errors) {
    }

    void record(String backend, Forwarder.Outcome outcome, long nanos) {
        Handles h = byBackend.computeIfAbsent(backend, this::handles);
        h.latency().update(Duration.ofNanos(nanos));
        if (outcome != Forwarder.Outcome.OK) {
            h.errors().get(outcome).inc();
        }
    }

    private Handles handles(String backend) {
        Tag id = new Tag("backend", backend);
        Map<Forwarder.Outcome, Counter> errors = new EnumMap<>(Forwarder.Outcome.class);
        for (Forwarder.Outcome o : Forwarder.Outcome.values()) {
            if (o == Forwarder.Outcome.OK) {
                continue;
            }
            errors.put(o, registry.counter(Metrics.BACKEND_ERRORS, id, new Tag("kind", o.name().toLowerCase(Locale.ROOT))));
        }
        return new Handles(registry.timer(Metrics.BACKEND_DURATION, id), errors);
    }
}

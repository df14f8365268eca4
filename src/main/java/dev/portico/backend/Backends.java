package dev.portico.backend;

import static dev.portico.json.Jsons.JSON;

import dev.portico.config.BackendDefinition;
import dev.portico.config.GatewayConfig;
import dev.portico.observe.Metrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The configured backends at run time, with active health checks for those that set a health path. */
@ApplicationScoped
public class Backends {
    private static final Logger LOG = Logger.getLogger(Backends.class.getName());
    @Inject
    GatewayConfig config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry metrics;

    @Inject
    HealthProbe probe;

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> checks = new ArrayList<>();
    private final List<HealthEndpoint> healthEndpoints = new ArrayList<>();

    @PostConstruct
    void start() {
        for (BackendDefinition definition : config.backends().values()) {
            Backend backend = new Backend(definition);
            backends.put(definition.id(), backend);
            Tag id = new Tag("backend", definition.id());
            metrics.gauge(Metrics.CIRCUIT_OPEN, backend, b -> b.breaker().state() == CircuitBreaker.State.CLOSED ? 0 : 1, id);
            metrics.gauge(Metrics.CIRCUIT_STATE, backend, Backends::circuitState, id);
            metrics.gauge(Metrics.INSTANCES_AVAILABLE, backend, Backend::availableInstances, id);
            checks.add(scheduler.scheduleWithFixedDelay(backend.transport()::evictIdle, 1, 1, TimeUnit.SECONDS));
            if (definition.healthPath() != null) {
                Map<Instance, HealthEndpoint> endpoints = new LinkedHashMap<>();
                backend.instances().forEach(i -> endpoints.put(i, HealthProbe.endpoint(definition, i.base())));
                healthEndpoints.addAll(endpoints.values());
                long every = definition.healthInterval().toMillis();
                checks.add(scheduler.scheduleWithFixedDelay(() -> probe(backend.id(), Map.copyOf(endpoints)), 0, every,
                        TimeUnit.MILLISECONDS));
            }
        }
    }

    /** Created with the application, so health checks run before the first request. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
        backends.size();
    }

    /** Health checks stop, and every pooled connection is closed, before the application goes. */
    @PreDestroy
    void stop() {
        checks.forEach(c -> c.cancel(true));
        backends.values().forEach(b -> b.transport().close());
        for (HealthEndpoint endpoint : healthEndpoints) {
            try {
                endpoint.close();
            } catch (Exception e) {
                // closing at shutdown: nothing left to do
            }
        }
    }

    public Backend get(String id) {
        return backends.get(id);
    }

    public Map<String, Backend> all() {
        return backends;
    }

    /** The request path's view of the backends (no client proxy per lookup). */
    @Produces
    @Dependent
    BackendDirectory directory() {
        return new BackendDirectory(backends);
    }

    /**
     * Probes every instance of a backend at once and waits for all, so its checks never overlap. Nothing
     * escapes: a task that threw would never be run again.
     */
    private void probe(String backend, Map<Instance, HealthEndpoint> endpoints) {
        try {
            CompletableFuture<?>[] checked = endpoints.entrySet().stream()
                    .map(e -> probe.check(e.getValue()).toCompletableFuture()
                            .whenComplete((ok, failure) -> e.getKey().healthy(failure == null)))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(checked).get();
        } catch (ExecutionException unhealthy) {
            // recorded above, per instance
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Portico could not run the health checks of backend {0}: {1}",
                    new Object[] {backend, e.toString()});
        }
    }

    /**
     * One {@code GET} of {@code path} through the data plane's HTTP client, on a transport of its own, to
     * {@code self} (the node's own address), its answer read whole and its body parsed as JSON: the client's
     * classes are loaded before a client's first backend call. It reaches no backend and counts in no metric.
     *
     * @return the answer's status
     */
    public static int warmUp(URI self, String path, Duration timeout) throws IOException {
        BackendDefinition own = new BackendDefinition("portico-warmup", List.of(self), BackendDefinition.Protocol.REST,
                BackendDefinition.Balancing.ROUND_ROBIN, timeout, timeout, 0, null, timeout, false, 1, null);
        try (HttpTransport transport = new HttpTransport(own)) {
            BackendReply reply = transport.send(self, Outgoing.of("GET", path, Map.of("Accept", List.of("application/json"))),
                    timeout).readWhole();
            JSON.createReader(new StringReader(reply.body())).readValue();
            return reply.status();
        }
    }

    /** 0 closed, 1 open, 2 half-open (the gauge's documented values). */
    private static int circuitState(Backend backend) {
        return switch (backend.breaker().state()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }
}

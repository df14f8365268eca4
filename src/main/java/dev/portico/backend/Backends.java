package dev.portico.backend;

import dev.portico.config.BackendDefinition;
import dev.portico.config.GatewayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The configured backends at run time, with active health checks for those that set a health path. */
@ApplicationScoped
public class Backends {
    @Inject
    GatewayConfig config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry metrics;

    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private final List<ScheduledFuture<?>> checks = new ArrayList<>();

    @PostConstruct
    void start() {
        for (BackendDefinition definition : config.backends().values()) {
            Backend backend = new Backend(definition);
            backends.put(definition.id(), backend);
            metrics.gauge("portico_backend_circuit_open", backend,
                    b -> b.breaker().state() == CircuitBreaker.State.CLOSED ? 0 : 1, new Tag("backend", definition.id()));
            if (definition.healthPath() != null) {
                long every = definition.healthInterval().toMillis();
                checks.add(scheduler.scheduleWithFixedDelay(() -> probe(backend), 0, every, TimeUnit.MILLISECONDS));
            }
        }
    }

    /** Created with the application, so health checks run before the first request. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
        backends.size();
    }

    @PreDestroy
    void stop() {
        checks.forEach(c -> c.cancel(true));
    }

    public Backend get(String id) {
        return backends.get(id);
    }

    public Map<String, Backend> all() {
        return backends;
    }

    private static void probe(Backend backend) {
        BackendDefinition definition = backend.definition();
        for (Instance instance : backend.instances()) {
            URI base = instance.base();
            String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
            HttpRequest request = HttpRequest.newBuilder(URI.create(base.getScheme() + "://" + base.getRawAuthority()
                    + basePath + definition.healthPath())).timeout(definition.timeout()).GET().build();
            backend.client().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> instance.healthy(
                            error == null && response.statusCode() >= 200 && response.statusCode() < 300));
        }
    }
}

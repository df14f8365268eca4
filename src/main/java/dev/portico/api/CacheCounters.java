package dev.portico.api;

import dev.portico.cluster.ResponseStore;
import dev.portico.observe.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** {@code portico_cache_requests_total{route,result}} and {@code portico_cache_entries}: each counter looked up once. */
@ApplicationScoped
public class CacheCounters {
    @Inject
    MetricRegistry registry;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    void count(String route, String result) {
        counters.computeIfAbsent(route + ' ' + result, k -> registry.counter(Metrics.CACHE_REQUESTS,
                new Tag("route", route), new Tag("result", result))).inc();
    }

    /** The entries gauge, registered once the store exists. */
    void watch(ResponseStore store) {
        registry.gauge(Metrics.CACHE_ENTRIES, store, ResponseStore::size);
    }
}

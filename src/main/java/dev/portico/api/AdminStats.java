package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.observe.Metrics;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Snapshot;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@code GET /admin/stats}: this node's per-route counters, read from the same metrics {@code /metrics}
 * exposes: requests by status, rate-limit rejections, cache results, and the latency histogram's
 * cumulative buckets (seconds). Totals since start; the console takes two readings apart to draw a rate
 * and a p99.
 */
@Dependent
public class AdminStats {
    @Inject
    MetricRegistry metrics;

    JsonObject read() {
        Map<String, JsonObjectBuilder> routes = new TreeMap<>();
        Map<String, JsonObjectBuilder> statuses = new TreeMap<>();
        Map<String, JsonObjectBuilder> caches = new TreeMap<>();
        Map<String, Long> requests = new TreeMap<>();
        for (Map.Entry<MetricID, Counter> c : metrics.getCounters((id, m) -> id.getName().startsWith("portico_")).entrySet()) {
            MetricID id = c.getKey();
            String route = id.getTags().get("route");
            if (route == null) {
                continue;
            }
            long count = c.getValue().getCount();
            String name = id.getName();
            if (name.equals(Metrics.REQUESTS.getName())) {
                statuses.computeIfAbsent(route, r -> JSON.createObjectBuilder()).add(id.getTags().get("status"), count);
                requests.merge(route, count, Long::sum);
            } else if (name.equals(Metrics.RATELIMIT_REJECTED.getName())) {
                route(routes, route).add("rejected", count);
            } else if (name.equals(Metrics.CACHE_REQUESTS.getName())) {
                caches.computeIfAbsent(route, r -> JSON.createObjectBuilder()).add(id.getTags().get("result"), count);
            }
        }
        requests.forEach((route, count) -> route(routes, route).add("requests", count).add("byStatus", statuses.get(route)));
        caches.forEach((route, cache) -> route(routes, route).add("cache", cache));
        for (Map.Entry<MetricID, Timer> t : metrics.getTimers((id, m) -> id.getName().equals(Metrics.REQUEST_DURATION.getName())).entrySet()) {
            String route = t.getKey().getTags().get("route");
            Snapshot snapshot = t.getValue().getSnapshot();
            JsonArrayBuilder buckets = JSON.createArrayBuilder();
            for (Snapshot.HistogramBucket bucket : snapshot.bucketValues()) {
                buckets.add(JSON.createArrayBuilder().add(bucket.getBucket() / 1e9).add(bucket.getCount()));
            }
            route(routes, route).add("latency", JSON.createObjectBuilder().add("count", t.getValue().getCount()).add("buckets", buckets));
        }
        JsonObjectBuilder all = JSON.createObjectBuilder();
        routes.forEach(all::add);
        return JSON.createObjectBuilder().add("time", System.currentTimeMillis()).add("routes", all).build();
    }

    private static JsonObjectBuilder route(Map<String, JsonObjectBuilder> routes, String route) {
        return routes.computeIfAbsent(route, r -> JSON.createObjectBuilder());
    }
}

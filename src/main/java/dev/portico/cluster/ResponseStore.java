package dev.portico.cluster;

import dev.portico.cache.ByteBudget;
import dev.portico.cache.CacheLimits;
import dev.portico.cache.Stored;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * The stored responses: in the cluster's JCache (as bytes, one backup, every node sees them), with a
 * node-local tier of the decoded variants in front, so that a hit on an entry this node has seen costs
 * no network round trip and no decoding. Any member's change to a target drops it from every member's local
 * tier (a JCache entry listener); a client of another cluster uses its local copy for at most a second. A cache that fails lets requests through to the backend: it is logged,
 * never the client's problem.
 */
@ApplicationScoped
public class ResponseStore {
    private static final Logger LOG = Logger.getLogger(ResponseStore.class.getName());

    @Inject
    SharedState state;
    @Inject
    dev.portico.config.GatewayConfig config;

    /** How long a client's local copy is used before the cluster is asked again (a client hears no changes). */
    static final long CLIENT_LOCAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<String, Local> local = new ConcurrentHashMap<>();
    private long localFor = Long.MAX_VALUE;
    private Cache<String, byte[]> shared;
    private java.util.concurrent.atomic.AtomicBoolean reachable;
    /** The local tier's bytes and entries. */
    private ByteBudget localBudget;
    /** What this node wrote to the cluster and has not removed or seen expire: its share of the bound. */
    private ByteBudget written;

    @PostConstruct
    void start() {
        shared = state.responses();
        reachable = state.reachable();
        CacheLimits limits = config.cacheLimits();
        localBudget = new ByteBudget(limits.maxSize(), limits.maxEntries());
        written = new ByteBudget(limits.maxSize(), limits.maxEntries());
        if (shared != null && state.client()) {
            // A listener's configuration travels with the cache's to the cluster, whose members lack its class
            // (and a client re-sends it to a restarted cluster): a client keeps its copies briefly instead.
            localFor = CLIENT_LOCAL_NANOS;
        } else if (shared != null) {
            shared.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(new Forget(this::dropLocal)), null, false, false));
        }
    }

    /** The variants stored for a target; empty when none (or the cache is unavailable). */
    public List<Stored> get(String key) {
        Local copy = local.get(key);
        if (copy != null && System.nanoTime() - copy.at() < localFor) {
            return copy.variants();
        }
        List<Stored> variants;
        if (!reachable.get()) {
            return List.of();
        }
        try {
            byte[] bytes = shared.get(key);
            if (bytes == null) {
                return List.of();
            }
            variants = Stored.decode(bytes);
            remember(key, variants, bytes.length);
            return variants;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Portico response cache unavailable, asking the backend: {0}", e.toString());
            return List.of();
        }
    }

    /** Stores a target's variants, kept in the cluster for {@code keepSeconds}. */
    public void put(String key, List<Stored> variants, long keepSeconds) {
        if (!reachable.get()) {
            return;
        }
        try {
            byte[] bytes = Stored.encode(variants);
            long keep = Math.max(1, keepSeconds);
            shared.unwrap(com.hazelcast.cache.ICache.class).put(key, bytes,
                    new ModifiedExpiryPolicy(new Duration(TimeUnit.SECONDS, keep)));
            remember(key, variants, bytes.length);
            long now = System.currentTimeMillis();
            for (String older : written.add(key, bytes.length, now + TimeUnit.SECONDS.toMillis(keep), now)) {
                shared.remove(older); // past this node's share of max-size or max-entries: its oldest writes go
                dropLocal(older);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Portico response cache unavailable, the response is not stored: {0}", e.toString());
        }
    }

    /** Forgets a target on every node; whether anything was stored. */
    public boolean remove(String key) {
        dropLocal(key);
        written.forget(key);
        if (!reachable.get()) {
            return false;
        }
        try {
            return shared.remove(key);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Portico response cache unavailable, {0} not invalidated: {1}", new Object[] {key, e});
            return false;
        }
    }

    /** Forgets every target whose key passes; how many. */
    public int purge(Predicate<String> keys) {
        int purged = 0;
        for (Cache.Entry<String, byte[]> entry : shared) {
            if (keys.test(entry.getKey()) && remove(entry.getKey())) {
                purged++;
            }
        }
        local.keySet().stream().filter(keys).toList().forEach(this::dropLocal);
        return purged;
    }

    /** Targets stored in the cluster. */
    public int size() {
        return shared.unwrap(com.hazelcast.cache.ICache.class).size();
    }

    private void remember(String key, List<Stored> variants, int size) {
        List<String> evicted = localBudget.add(key, size, Long.MAX_VALUE, 0);
        local.put(key, new Local(variants, System.nanoTime()));
        evicted.forEach(local::remove);
    }

    private void dropLocal(String key) {
        local.remove(key);
        localBudget.forget(key);
    }

    /** A target's variants as this node last read or wrote them. */
    private record Local(List<Stored> variants, long at) {
    }

    /** Drops a target from this node's local tier when any node changes or loses it. */
    static final class Forget implements CacheEntryUpdatedListener<String, byte[]>,
            CacheEntryRemovedListener<String, byte[]>, CacheEntryExpiredListener<String, byte[]>, Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Consumer<String> drop;

        Forget(Consumer<String> drop) {
            this.drop = drop;
        }

        private void forget(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
            if (drop != null) {
                events.forEach(e -> drop.accept(e.getKey()));
            }
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
            forget(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
            forget(events);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends byte[]>> events) {
            forget(events);
        }
    }
}

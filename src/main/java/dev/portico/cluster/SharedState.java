package dev.portico.cluster;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import dev.portico.cache.CacheLimits;
import dev.portico.config.ClusterDefinition;
import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.ratelimit.BucketSerializers;
import dev.portico.ratelimit.TokenBucket;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.spi.CachingProvider;

/**
 * The gateway's shared state in JCache, backed by an embedded Hazelcast member (alone by default, or
 * joined over TCP/IP to {@code portico.cluster.members}) or, with {@code portico.cluster.mode=client}, by a
 * client of an existing cluster at those members. Multicast, auto-detection and phone-home are off
 * in every configuration. Started only when a route has a rate limit or a cache.
 */
@ApplicationScoped
public class SharedState {
    private static final Logger LOG = Logger.getLogger(SharedState.class.getName());
    public static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";
    /** What member and client both set: no phone-home, the JDK's logging, no JVM shutdown hook of their own. */
    private static final java.util.Map<String, String> COMMON = java.util.Map.of("hazelcast.phone.home.enabled", "false",
            "hazelcast.logging.type", "jdk", "hazelcast.shutdownhook.enabled", "false");
    public static final String CLIENT_PROVIDER = "com.hazelcast.client.cache.HazelcastClientCachingProvider";

    @Inject
    GatewayConfig config;

    private HazelcastInstance member;
    private boolean client;
    private final AtomicBoolean connected = new AtomicBoolean();
    private java.util.UUID listener;
    private CacheManager caches;
    private Cache<String, TokenBucket.State> buckets;
    private Cache<String, byte[]> responses;
    private Cache<String, byte[]> bucketBytes;

    @PostConstruct
    void start() {
        Duration longest = config.routes().values().stream().map(RouteDefinition::rateLimit).filter(Objects::nonNull)
                .map(r -> r.window()).max(Duration::compareTo).orElse(Duration.ZERO);
        if (longest.isZero() && !config.caching()) {
            return; // nothing to share
        }
        ClassLoader loader = SharedState.class.getClassLoader();
        ClusterDefinition cluster = config.cluster();
        client = cluster.client();
        member = client ? HazelcastClient.newHazelcastClient(hazelcastClient(cluster, loader))
                : Hazelcast.newHazelcastInstance(hazelcast(cluster, loader));
        connected.set(true); // a member is its own cluster; a client is connected once made
        if (client) { // and says when it loses or regains its cluster (no enum switch: its helper class would
                      // be loaded at shutdown, after the application's class loader has closed)
            listener = member.getLifecycleService().addLifecycleListener(event -> {
                LifecycleEvent.LifecycleState state = event.getState();
                if (state == LifecycleEvent.LifecycleState.CLIENT_DISCONNECTED) {
                    connected.set(false);
                } else if (state == LifecycleEvent.LifecycleState.CLIENT_CONNECTED
                        || state == LifecycleEvent.LifecycleState.CLIENT_CHANGED_CLUSTER) {
                    connected.set(true);
                }
            });
        }
        CachingProvider provider = Caching.getCachingProvider(client ? CLIENT_PROVIDER : MEMBER_PROVIDER, loader);
        caches = provider.getCacheManager(provider.getDefaultURI(), loader,
                HazelcastCachingProvider.propertiesByInstanceItself(member));
        // A bucket untouched for two windows is full again anyway: let it expire.
        long keep = Math.max(60, longest.toSeconds() * 2);
        if (client) {
            bucketBytes = cache("portico-rate-limits", bucketConfig(keep, byte[].class));
        } else {
            buckets = cache("portico-rate-limits", bucketConfig(keep, TokenBucket.State.class));
        }
        if (config.caching()) {
            responses = cache("portico-responses", responseConfig(config.cacheLimits()));
        }
        LOG.log(Level.INFO, "Portico shared state: Hazelcast {0} of cluster {1} ({2} members)", new Object[] {
            client ? "client" : "member " + member.getCluster().getLocalMember().getAddress(), cluster.name(),
            member.getCluster().getMembers().size()});
    }

    /** The cache, made with this configuration unless another node (or an earlier start) made it already. */
    private <V> Cache<String, V> cache(String name, CacheConfig<String, V> cacheConfig) {
        Cache<String, V> existing = caches.getCache(name, String.class, cacheConfig.getValueType());
        return existing != null ? existing : caches.createCache(name, cacheConfig);
    }

    /**
     * A client of an existing cluster: it waits at start for the cluster (up to two minutes; the gateway is
     * not ready until then), and reconnects by itself if it loses it (trying at least every 5 s).
     */
    public static ClientConfig hazelcastClient(ClusterDefinition cluster, ClassLoader loader) {
        ClientConfig hz = new ClientConfig();
        hz.setClusterName(cluster.name());
        hz.setClassLoader(loader);
        COMMON.forEach(hz::setProperty);
        hz.getNetworkConfig().setAddresses(cluster.members()).getAutoDetectionConfig().setEnabled(false);
        hz.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(120_000)
                .setMaxBackoffMillis(5_000);
        // A call made just as the cluster goes away gives up soon; later ones are skipped (reachable()). No
        // Compact types: a client that uses them cannot hand its caches to a restarted cluster before their schemas.
        hz.setProperty("hazelcast.client.invocation.timeout.seconds", "2");
        return hz;
    }

    /**
     * The rate-limit buckets, expiring {@code keepSeconds} after their last change, one backup. On a gateway's
     * own members a bucket is an immutable record kept as an object: the entry processor reads and replaces
     * it without deserializing and serializing it per request (backups are still serialized). A client's
     * cluster has none of the gateway's classes: there a bucket is 16 bytes, compared as such.
     */
    public static <V> CacheConfig<String, V> bucketConfig(long keepSeconds, Class<V> type) {
        CacheConfig<String, V> bucketConfig = new CacheConfig<>();
        bucketConfig.setTypes(String.class, type);
        bucketConfig.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(TimeUnit.SECONDS, keepSeconds)));
        bucketConfig.setInMemoryFormat(type == byte[].class ? InMemoryFormat.BINARY : InMemoryFormat.OBJECT);
        bucketConfig.setBackupCount(1);
        return bucketConfig;
    }

    /**
     * Stored responses, as bytes (a member of an existing cluster needs none of the gateway's classes), one
     * backup, the least recently used evicted beyond the bound; each entry expires when it can serve no more.
     */
    public static CacheConfig<String, byte[]> responseConfig(CacheLimits limits) {
        CacheConfig<String, byte[]> responseConfig = new CacheConfig<>();
        responseConfig.setTypes(String.class, byte[].class);
        responseConfig.setInMemoryFormat(InMemoryFormat.BINARY);
        responseConfig.setBackupCount(1);
        responseConfig.setEvictionConfig(new EvictionConfig().setSize(limits.maxEntries())
                .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setEvictionPolicy(EvictionPolicy.LRU));
        responseConfig.setStatisticsEnabled(false);
        return responseConfig;
    }

    /** Started with the application, not on the first rate-limited request (a member takes ~2 s). */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
        Objects.hashCode(buckets);
    }

    /** The member's configuration: loopback, no multicast or auto-detection, TCP/IP only to the listed members. */
    public static Config hazelcast(ClusterDefinition cluster, ClassLoader loader) {
        Config hz = new Config();
        hz.setClusterName(cluster.name());
        hz.setClassLoader(loader);
        COMMON.forEach(hz::setProperty);
        hz.setProperty("hazelcast.socket.bind.any", "false");
        // A gateway's member holds small buckets: one I/O thread each way, one event and response thread,
        // no health-monitor, slow-operation or I/O-balancer threads (31 threads -> 19, less idle CPU and RSS).
        hz.setProperty("hazelcast.io.thread.count", "1");
        hz.setProperty("hazelcast.event.thread.count", "1");
        hz.setProperty("hazelcast.operation.generic.thread.count", "1");
        hz.setProperty("hazelcast.operation.response.thread.count", "1");
        hz.setProperty("hazelcast.health.monitoring.level", "OFF");
        hz.setProperty("hazelcast.slow.operation.detector.enabled", "false");
        hz.setProperty("hazelcast.io.balancer.interval.seconds", "-1");
        BucketSerializers.all().forEach(hz.getSerializationConfig().getCompactSerializationConfig()::addSerializer);
        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(cluster.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(cluster.bind());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(!cluster.members().isEmpty()).setMembers(cluster.members());
        return hz;
    }

    /** The members of the cluster this node sees (itself included, as a member); 0 once it has stopped or lost them (readiness). */
    public int members() {
        if (member == null || !member.getLifecycleService().isRunning()) {
            return 0;
        }
        return client && !connected.get() ? 0 : member.getCluster().getMembers().size();
    }

    /** Whether this node is a client of an existing cluster (no entry processors there: it lacks the gateway's classes). */
    public boolean client() {
        return client;
    }

    /**
     * Whether the shared state can be asked now, read on every request without a CDI proxy: false while a
     * client has lost its cluster, so that requests skip the limiter and the cache instead of waiting for it.
     */
    public AtomicBoolean reachable() {
        return connected;
    }

    /** Member or client, for readiness. */
    public String role() {
        return member == null ? "none" : client ? "client" : "member";
    }

    /** The rate-limit buckets; null when no route is rate-limited or cached. */
    public Cache<String, TokenBucket.State> buckets() {
        return buckets;
    }

    /** A client's rate-limit buckets, as bytes; null unless this node is a client of a cluster. */
    public Cache<String, byte[]> bucketBytes() {
        return bucketBytes;
    }

    /** The stored responses by target; null when no route is cached. */
    public Cache<String, byte[]> responses() {
        return responses;
    }

    @PreDestroy
    void stop() {
        try {
            if (listener != null) {
                member.getLifecycleService().removeLifecycleListener(listener);
            }
            if (caches != null) {
                caches.close();
            }
        } finally {
            if (member != null) { // always: a member left running outlives the application's class loader
                member.shutdown();
            }
        }
    }
}

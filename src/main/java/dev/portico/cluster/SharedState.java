package dev.portico.cluster;

import com.hazelcast.cache.HazelcastCachingProvider;
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
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.spi.CachingProvider;

/**
 * The gateway's shared state in JCache, backed by an embedded Hazelcast member: alone by default, or
 * joined over TCP/IP to {@code portico.cluster.members}. Multicast, auto-detection and phone-home are off
 * in every configuration. Started only when a route has a rate limit or a cache.
 */
@ApplicationScoped
public class SharedState {
    private static final Logger LOG = Logger.getLogger(SharedState.class.getName());
    public static final String MEMBER_PROVIDER = "com.hazelcast.cache.HazelcastMemberCachingProvider";

    @Inject
    GatewayConfig config;

    private HazelcastInstance member;
    private CacheManager caches;
    private Cache<String, TokenBucket.State> buckets;
    private Cache<String, byte[]> responses;

    @PostConstruct
    void start() {
        Duration longest = config.routes().values().stream().map(RouteDefinition::rateLimit).filter(Objects::nonNull)
                .map(r -> r.window()).max(Duration::compareTo).orElse(Duration.ZERO);
        if (longest.isZero() && !config.caching()) {
            return; // nothing to share
        }
        ClassLoader loader = SharedState.class.getClassLoader();
        member = Hazelcast.newHazelcastInstance(hazelcast(config.cluster(), loader));
        CachingProvider provider = Caching.getCachingProvider(MEMBER_PROVIDER, loader);
        caches = provider.getCacheManager(provider.getDefaultURI(), loader,
                HazelcastCachingProvider.propertiesByInstanceItself(member));
        // A bucket untouched for two windows is full again anyway: let it expire.
        long keep = Math.max(60, longest.toSeconds() * 2);
        CacheConfig<String, TokenBucket.State> bucketConfig = new CacheConfig<>();
        bucketConfig.setTypes(String.class, TokenBucket.State.class);
        bucketConfig.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.SECONDS, keep)));
        // Buckets are immutable records: kept as objects, the entry processor reads and replaces one without
        // deserializing and serializing it per request (backups to other members are still serialized).
        bucketConfig.setInMemoryFormat(InMemoryFormat.OBJECT);
        bucketConfig.setBackupCount(1);
        buckets = caches.createCache("portico-rate-limits", bucketConfig);
        if (config.caching()) {
            responses = caches.createCache("portico-responses", responseConfig(config.cacheLimits()));
        }
        LOG.log(Level.INFO, "Portico shared state: Hazelcast member {0}, cluster of {1}",
                new Object[] {member.getCluster().getLocalMember().getAddress(), member.getCluster().getMembers().size()});
    }

    /**
     * Stored responses, as bytes (a member of an existing cluster needs none of the gateway's classes), one
     * backup, the least recently used evicted beyond the bound; each entry expires when it can serve no more.
     */
    private static CacheConfig<String, byte[]> responseConfig(CacheLimits limits) {
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
        hz.setClusterName("portico");
        hz.setClassLoader(loader);
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.logging.type", "jdk");
        hz.setProperty("hazelcast.socket.bind.any", "false");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false");
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

    /** The members of the cluster this node sees, itself included; 0 once its member has stopped (readiness). */
    public int members() {
        return member.getLifecycleService().isRunning() ? member.getCluster().getMembers().size() : 0;
    }

    /** The rate-limit buckets; null when no route is rate-limited or cached. */
    public Cache<String, TokenBucket.State> buckets() {
        return buckets;
    }

    /** The stored responses by target; null when no route is cached. */
    public Cache<String, byte[]> responses() {
        return responses;
    }

    @PreDestroy
    void stop() {
        if (caches != null) {
            caches.close();
        }
        if (member != null) {
            member.shutdown();
        }
    }
}

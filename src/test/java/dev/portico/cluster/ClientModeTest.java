package dev.portico.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.HazelcastInstance;
import dev.portico.cache.CacheLimits;
import dev.portico.cache.Stored;
import dev.portico.config.ClusterDefinition;
import dev.portico.config.RateLimit;
import dev.portico.ratelimit.CompareAndSet;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §13, client mode, against a real standalone Hazelcast member in its own JVM with nothing but Maven
 * Central's hazelcast and cache-api jars on its class path (as the README starts one): the gateway's
 * client shares rate-limit buckets (compare-and-set, no entry processor) and stored responses (bytes) with it.
 */
class ClientModeTest {
    private static final int PORT = 15901;

    @Test
    void aClientSharesBucketsAndResponsesWithAClusterThatLacksTheGatewaysClasses(@TempDir Path dir) throws Exception {
        Process member = standaloneMember(dir);
        HazelcastInstance client = null;
        try {
            ClassLoader loader = ClientModeTest.class.getClassLoader();
            ClusterDefinition cluster = new ClusterDefinition(List.of("127.0.0.1:" + PORT), 0, "127.0.0.1",
                    ClusterDefinition.Mode.CLIENT, "portico-test");
            client = HazelcastClient.newHazelcastClient(SharedState.hazelcastClient(cluster, loader));
            CachingProvider provider = Caching.getCachingProvider(SharedState.CLIENT_PROVIDER, loader);
            CacheManager caches = provider.getCacheManager(provider.getDefaultURI(), loader,
                    HazelcastCachingProvider.propertiesByInstanceItself(client));

            Cache<String, byte[]> buckets = caches.createCache("buckets", SharedState.bucketConfig(60, byte[].class));
            RateLimit limit = new RateLimit(3, Duration.ofMinutes(1));
            long now = System.currentTimeMillis();
            for (int i = 0; i < 3; i++) {
                assertTrue(CompareAndSet.take(buckets, "r|alice", limit, 1, now).allowed(), "token " + (i + 1));
            }
            assertFalse(CompareAndSet.take(buckets, "r|alice", limit, 1, now).allowed(), "the fourth within the window");
            assertTrue(CompareAndSet.take(buckets, "r|bob", limit, 1, now).allowed(), "another consumer's bucket");

            Cache<String, byte[]> responses = caches.createCache("responses", SharedState.responseConfig(new CacheLimits(100, 1024, 1 << 20)));
            Stored stored = new Stored(200, Map.of("Cache-Control", List.of("max-age=60")), "{\"a\":1}".getBytes(), now, now,
                    Map.of(), null);
            responses.put("/api/x", Stored.encode(List.of(stored)));
            assertArrayEquals(stored.body(), Stored.decode(responses.get("/api/x")).get(0).body());
            assertEquals(1, client.getCluster().getMembers().size(), "the one standalone member; a client is none");
        } finally {
            if (client != null) {
                client.shutdown();
            }
            member.destroy();
        }
    }

    /** {@code java -cp hazelcast.jar:cache-api.jar com.hazelcast.core.server.HazelcastMemberStarter}, loopback only. */
    private static Process standaloneMember(Path dir) throws Exception {
        Path config = dir.resolve("member.yaml");
        Files.writeString(config, """
                hazelcast:
                  cluster-name: portico-test
                  properties:
                    hazelcast.phone.home.enabled: false
                    hazelcast.socket.bind.any: false
                  network:
                    port:
                      port: %d
                      auto-increment: false
                    interfaces:
                      enabled: true
                      interfaces: [127.0.0.1]
                    join:
                      multicast:
                        enabled: false
                      auto-detection:
                        enabled: false
                      tcp-ip:
                        enabled: true
                        member-list: [127.0.0.1:%d]
                """.formatted(PORT, PORT));
        String classPath = jarOf(com.hazelcast.core.Hazelcast.class) + File.pathSeparator + jarOf(Caching.class);
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-Dhazelcast.config=" + config, "-cp", classPath, "com.hazelcast.core.server.HazelcastMemberStarter")
                .redirectErrorStream(true).redirectOutput(dir.resolve("member.log").toFile()).start();
    }

    private static String jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}

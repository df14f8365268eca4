package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.portico.cache.Stored;
import dev.portico.cluster.SharedState;
import dev.portico.config.ClusterDefinition;
import dev.portico.ratelimit.TakeToken;
import dev.portico.ratelimit.TokenBucket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §13: a second member (here, in the test JVM, configured exactly as the gateway configures its own)
 * joins the gateway's cluster over TCP/IP on loopback and sees the same rate-limit buckets: tokens spent
 * through it are gone for the gateway too, and responses one node stores or drops are stored or dropped for both.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class ClusterIT {
    private static HazelcastInstance other;
    private static CacheManager caches;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @BeforeAll
    static void join() {
        ClassLoader loader = ClusterIT.class.getClassLoader();
        other = Hazelcast.newHazelcastInstance(SharedState.hazelcast(
                new ClusterDefinition(List.of("127.0.0.1:5701"), 5702, "127.0.0.1"), loader));
        CachingProvider provider = Caching.getCachingProvider(SharedState.MEMBER_PROVIDER, loader);
        caches = provider.getCacheManager(provider.getDefaultURI(), loader,
                HazelcastCachingProvider.propertiesByInstanceItself(other));
        await().atMost(Duration.ofSeconds(30)).until(() -> other.getCluster().getMembers().size() == 2);
    }

    @AfterAll
    static void leave() {
        caches.close();
        other.shutdown();
    }

    @Test
    void aSecondNodeSharesTheGatewaysRateLimits() {
        Cache<String, TokenBucket.State> buckets = caches.getCache("portico-rate-limits", String.class,
                TokenBucket.State.class);
        assertNotNull(buckets, "the gateway's cache is known cluster-wide");

        // carol spends her 2/1m on limited-user through the other node ...
        for (int i = 0; i < 2; i++) {
            assertTrue(buckets.invoke("limited-user|sub:carol", new TakeToken(System.currentTimeMillis(), 2, 60_000, 1))
                    .allowed());
        }
        // ... and the gateway has none left for her.
        assertProblem(get("/api/v1/limited-user/x", token("carol", "user")), 429);
        assertEquals(0, ReferenceBackends.echoed().size());
    }

    @Test
    void everyNodeSeesTheSameStoredResponsesAndForgetsThemTogether() throws Exception {
        try (OriginService origin = new OriginService(19103)) {
            origin.start();
            origin.on("/node-1", "Cache-Control", "max-age=60");
            Cache<String, byte[]> responses = caches.getCache("portico-responses", String.class, byte[].class);

            assertEquals("{\"call\":1}", get("/api/v1/cached/node-1", null).body());
            assertTrue(get("/api/v1/cached/node-1", null).headers().firstValue("Cache-Status").orElseThrow().contains("hit"));
            List<Stored> stored = Stored.decode(responses.get("/api/v1/cached/node-1"));
            assertEquals("{\"call\":1}", new String(stored.get(0).body(), StandardCharsets.UTF_8), "stored in the cluster");

            // The other node drops it: the gateway's local copy goes too.
            responses.remove("/api/v1/cached/node-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/cached/node-1", null).headers()
                    .firstValue("Cache-Status").orElseThrow().contains("fwd=miss"));

            // What the other node stores, the gateway serves without asking the origin.
            long now = System.currentTimeMillis();
            responses.put("/api/v1/cached/node-2", Stored.encode(List.of(new Stored(200,
                    Map.of("Content-Type", List.of("application/json"), "Cache-Control", List.of("max-age=60")),
                    "{\"from\":\"other\"}".getBytes(StandardCharsets.UTF_8), now, now, Map.of(), null))));
            HttpResponse<String> shared = get("/api/v1/cached/node-2", null);
            assertEquals("{\"from\":\"other\"}", shared.body());
            assertEquals(0, origin.count("/node-2"));
        }
    }
}

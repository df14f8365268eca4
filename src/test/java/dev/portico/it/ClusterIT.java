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
import dev.portico.cluster.SharedState;
import dev.portico.config.ClusterDefinition;
import dev.portico.ratelimit.TakeToken;
import dev.portico.ratelimit.TokenBucket;
import java.time.Duration;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §13: a second member (here, in the test JVM, configured exactly as the gateway configures its own)
 * joins the gateway's cluster over TCP/IP on loopback and sees the same rate-limit buckets: tokens spent
 * through it are gone for the gateway too.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class ClusterIT {

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @Test
    void aSecondNodeSharesTheGatewaysRateLimits() {
        ClassLoader loader = ClusterIT.class.getClassLoader();
        HazelcastInstance other = Hazelcast.newHazelcastInstance(SharedState.hazelcast(
                new ClusterDefinition(List.of("127.0.0.1:5701"), 5702, "127.0.0.1"), loader));
        CachingProvider provider = Caching.getCachingProvider(SharedState.MEMBER_PROVIDER, loader);
        CacheManager caches = provider.getCacheManager(provider.getDefaultURI(), loader,
                HazelcastCachingProvider.propertiesByInstanceItself(other));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> other.getCluster().getMembers().size() == 2);
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
        } finally {
            caches.close();
            other.shutdown();
        }
    }
}

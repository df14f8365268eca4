package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static dev.portico.it.ReferenceBackends.echoed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rate limits (SPEC §6) in the shared JCache state: {@code limited} allows 3/1m per client address,
 * {@code limited-user} 2/1m per token subject. Every response says where the caller stands; the request
 * over the limit gets 429 with Retry-After and never reaches the backend.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class RateLimitIT {

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @Test
    void anAnonymousClientGetsItsBurstThen429WhateverAddressItClaims() {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> ok = Gateway.send(Gateway.request("/api/v1/limited/x").header("X-Forwarded-For", "1.1.1." + i));
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("\"limited\";q=3;w=60", ok.headers().firstValue("RateLimit-Policy").orElse(""));
            assertTrue(ok.headers().firstValue("RateLimit").orElse("").startsWith("\"limited\";r=" + (2 - i) + ";t="),
                    ok.headers().map().toString());
        }
        HttpResponse<String> refused = Gateway.send(Gateway.request("/api/v1/limited/x").header("X-Forwarded-For", "9.9.9.9"));

        assertProblem(refused, 429);
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertTrue(refused.headers().firstValue("RateLimit").orElse("").startsWith("\"limited\";r=0;t="));
        assertEquals(3, echoed().size(), "the refused request reached no backend");
        String metrics = Gateway.send(Gateway.request("/metrics?scope=application")).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_ratelimit_rejected_total")
                && l.contains("route=\"limited\"")), metrics);
    }

    @Test
    void eachSubjectHasItsOwnBucket() {
        String ada = token("ada", "user");
        assertEquals(200, get("/api/v1/limited-user/x", ada).statusCode());
        assertEquals(200, get("/api/v1/limited-user/x", ada).statusCode());
        assertProblem(get("/api/v1/limited-user/x", ada), 429);

        HttpResponse<String> bob = get("/api/v1/limited-user/x", token("bob", "user"));
        assertEquals(200, bob.statusCode(), "another subject is not limited by ada's use");
        assertTrue(bob.headers().firstValue("RateLimit").orElse("").startsWith("\"limited-user\";r=1;"));
        HttpResponse<String> anonymous = get("/api/v1/limited-user/x", null);
        assertProblem(anonymous, 401); // refused before the limiter: no token spent, but the policy is said
        assertEquals("\"limited-user\";q=2;w=60", anonymous.headers().firstValue("RateLimit-Policy").orElse(""));
        assertEquals(3, echoed().size());
    }
}

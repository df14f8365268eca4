package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure resilience parts: breaker, outlier ejection, retry budget, balancers. */
class ResilienceTest {
    @Test
    void theBreakerOpensAfterConsecutiveFailuresAndAProbeClosesIt() {
        CircuitBreaker breaker = new CircuitBreaker(3, 1000);
        breaker.failure(0);
        breaker.failure(0);
        breaker.success();
        breaker.failure(0);
        breaker.failure(0);
        assertTrue(breaker.allow(0), "a success reset the count");
        breaker.failure(0);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allow(999));
        assertTrue(breaker.allow(1000), "one probe after the open time");
        assertFalse(breaker.allow(1001), "only one probe at a time");
        breaker.success();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void aFailedProbeReopensTheBreaker() {
        CircuitBreaker breaker = new CircuitBreaker(1, 1000);
        breaker.failure(0);
        assertTrue(breaker.allow(1000));
        breaker.failure(1000);
        assertFalse(breaker.allow(1500));
        assertTrue(breaker.allow(2000));
    }

    @Test
    void anInstanceIsEjectedAndReadmitted() {
        OutlierDetector outliers = new OutlierDetector(2, 100);
        outliers.failure(0);
        assertFalse(outliers.ejected(0));
        outliers.failure(0);
        assertTrue(outliers.ejected(99));
        assertFalse(outliers.ejected(100));
    }

    @Test
    void retriesStayWithinTwentyPercentOfRequests() {
        RetryBudget budget = new RetryBudget(0.2, 10, 2);
        int requests = 1000;
        int retries = 0;
        for (int i = 0; i < requests; i++) {
            budget.deposit();
            while (budget.withdraw()) { // a failing backend: every request wants every retry
                retries++;
            }
        }
        assertTrue(requests + retries <= 1.2 * requests + 2, "calls: " + (requests + retries));
        assertTrue(retries >= 190, "the budget is spent, not hoarded: " + retries);
    }

    @Test
    void balancersChooseAmongCandidates() {
        Instance a = new Instance(URI.create("http://a"), new OutlierDetector(5, 1000));
        Instance b = new Instance(URI.create("http://b"), new OutlierDetector(5, 1000));
        LoadBalancer rr = LoadBalancer.of(dev.portico.config.BackendDefinition.Balancing.ROUND_ROBIN);
        assertEquals(List.of(a, b, a, b), List.of(rr.choose(List.of(a, b)), rr.choose(List.of(a, b)),
                rr.choose(List.of(a, b)), rr.choose(List.of(a, b))));
        a.started();
        a.started();
        for (int i = 0; i < 20; i++) {
            assertEquals(b, LoadBalancer.leastOfTwo(List.of(a, b)), "fewer in flight wins");
        }
    }

    @Test
    void ejectionNeverEmptiesABackendButAFailedHealthCheckDoes() {
        Backend backend = new Backend(new dev.portico.config.BackendDefinition("b", List.of(URI.create("http://a")),
                dev.portico.config.BackendDefinition.Protocol.REST,
                dev.portico.config.BackendDefinition.Balancing.ROUND_ROBIN, java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(1), 2, null, java.time.Duration.ofSeconds(5), false, 10, null));
        Instance only = backend.instances().get(0);
        for (int i = 0; i < Backend.EJECT_AFTER_FAILURES; i++) {
            only.started();
            only.finished(true, 0);
        }
        assertTrue(only.ejected(1));
        assertEquals(only, backend.pick(java.util.Set.of(), 1), "panic mode: the breaker decides, not ejection");
        only.healthy(false);
        assertEquals(null, backend.pick(java.util.Set.of(), 1));
    }
}

package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portico.config.BackendDefinition;
import dev.portico.problem.GatewayException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resilience stack's composition, over a scripted transport (pure logic: no sockets). */
class ForwarderTest {

    private final Forwarder forwarder = new Forwarder();

    ForwarderTest() {
        forwarder.metrics = new BackendMetrics() {
            @Override
            void record(String backend, Forwarder.Outcome outcome, long nanos) {
                // no registry in a unit test
            }
        };
    }

    private static Backend backend(int retries, int maxConcurrent, String... urls) {
        return new Backend(new BackendDefinition("b", List.of(urls).stream().map(URI::create).toList(),
                BackendDefinition.Protocol.REST, BackendDefinition.Balancing.ROUND_ROBIN, Duration.ofMillis(100),
                Duration.ofSeconds(1), retries, null, Duration.ofSeconds(5), false, maxConcurrent, null));
    }

    /** Answers with the scripted results in turn and records which instance each try went to. */
    private static final class Script implements Transport<String> {
        final List<Object> results;
        final List<URI> tried = new ArrayList<>();

        Script(Object... results) {
            this.results = new ArrayList<>(List.of(results));
        }

        @Override
        public String send(Instance instance, Duration timeout) throws IOException {
            tried.add(instance.base());
            Object next = results.remove(0);
            if (next instanceof IOException e) {
                throw e;
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return (String) next;
        }

        @Override
        public boolean transientAnswer(String answer) {
            return answer.startsWith("503");
        }
    }

    @Test
    void aReadIsTriedExactlyOnceMoreThanItsRetriesEachTimeOnAnotherInstance() {
        Backend b = backend(2, 10, "http://a", "http://b", "http://c");
        Script script = new Script(new IOException("closed"), new IOException("closed"), new IOException("closed"));

        GatewayException e = assertThrows(GatewayException.class, () -> forwarder.call(b, script, true, deadline()));

        assertEquals(502, e.status());
        assertEquals(3, script.tried.size());
        assertEquals(3, script.tried.stream().distinct().count(), "each retry on another instance");
    }

    @Test
    void aTransientAnswerIsRetriedAndTheLastOneRelayed() {
        Backend b = backend(1, 10, "http://a", "http://b");
        assertEquals("200 ok", forwarder.call(b, new Script("503 busy", "200 ok"), true, deadline()));
        assertEquals("503 still", forwarder.call(b, new Script("503 busy", "503 still"), true, deadline()));
    }

    @Test
    void aRequestThatCannotBeReplayedIsRetriedOnlyWhenNothingWasSent() {
        Backend b = backend(2, 10, "http://a", "http://b");
        Script afterSending = new Script(new IOException("reset"), "201 created");
        assertThrows(GatewayException.class, () -> forwarder.call(b, afterSending, false, deadline()));
        assertEquals(1, afterSending.tried.size());

        Script refused = new Script(new ConnectException("refused"), "201 created");
        assertEquals("201 created", forwarder.call(b, refused, false, deadline()));
        assertEquals(2, refused.tried.size());
    }

    @Test
    void aTimeoutIsA504() {
        Backend b = backend(0, 10, "http://a");
        GatewayException e = assertThrows(GatewayException.class,
                () -> forwarder.call(b, new Script(new SocketTimeoutException("slow")), true, deadline()));
        assertEquals(504, e.status());
    }

    @Test
    void fiveFailuresOpenTheBreakerAndThenNothingIsSent() {
        Backend b = backend(0, 10, "http://a");
        for (int i = 0; i < Backend.BREAK_AFTER_FAILURES; i++) {
            assertThrows(GatewayException.class, () -> forwarder.call(b, new Script(new IOException("x")), true, deadline()));
        }
        Script untouched = new Script("200 ok");
        GatewayException e = assertThrows(GatewayException.class, () -> forwarder.call(b, untouched, true, deadline()));
        assertEquals(503, e.status());
        assertEquals(0, untouched.tried.size());
    }

    @Test
    void aFullBulkheadIsA503WithoutATry() throws InterruptedException {
        Backend b = backend(0, 1, "http://a");
        b.bulkhead().acquire();
        Script untouched = new Script("200 ok");
        GatewayException e = assertThrows(GatewayException.class, () -> forwarder.call(b, untouched, true, deadline()));
        assertEquals(503, e.status());
        assertEquals(0, untouched.tried.size());
    }

    @Test
    void aPassedDeadlineIsA504WithoutATry() {
        Backend b = backend(2, 10, "http://a");
        Script untouched = new Script("200 ok");
        GatewayException e = assertThrows(GatewayException.class, () -> forwarder.call(b, untouched, true, Deadline.in(Duration.ZERO)));
        assertEquals(504, e.status());
        assertEquals(0, untouched.tried.size());
    }

    @Test
    void theBackendsOwnRefusalEndsTheCallAndCountsAsHealthy() {
        Backend b = backend(2, 10, "http://a");
        GatewayException notFound = new GatewayException(404, "Not Found", "no such product");
        for (int i = 0; i < Backend.BREAK_AFTER_FAILURES + 1; i++) {
            Script script = new Script(notFound);
            assertSame(notFound, assertThrows(GatewayException.class, () -> forwarder.call(b, script, true, deadline())));
            assertEquals(1, script.tried.size(), "not retried");
        }
        assertEquals(CircuitBreaker.State.CLOSED, b.breaker().state());
    }

    @Test
    void aRetryAfterARefusedConnectionSpendsNoBudget() {
        Backend b = backend(1, 1000, "http://dead", "http://live");
        for (int i = 0; i < 50; i++) {
            Script script = new Script(new ConnectException("refused"), "200 ok");
            assertEquals("200 ok", forwarder.call(b, script, true, deadline()));
            assertEquals(2, script.tried.size());
        }
    }

    @Test
    void theRetryBudgetCapsRetriesUnderSustainedFailure() {
        Backend b = backend(2, 1000, "http://a", "http://b");
        int tries = 0;
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            Script script = new Script(new IOException("reset"), new IOException("reset"), new IOException("reset"));
            assertThrows(GatewayException.class, () -> forwarder.call(b, script, true, deadline()));
            tries += script.tried.size();
            b.breaker().success(); // keep the breaker out of it: this is about the budget
        }
        assertEquals(true, tries < calls * 1.3, "at most about 1.2× the calls reach the backend, saw " + tries);
    }

    private static Deadline deadline() {
        return Deadline.in(Duration.ofSeconds(5));
    }
}

package dev.portico.health;

import dev.portico.config.GatewayConfig;
import dev.portico.config.ShutdownDefinition;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Graceful drain. On SIGTERM (Kubernetes, systemd, {@code kill}) readiness goes DOWN at once while requests
 * are still served, each answer with {@code Connection: close}, for {@code portico.shutdown.grace}: load
 * balancers take the node out without a refused connection. Then the JVM's own shutdown goes on: Liberty
 * stops its listeners (new connections are refused) and lets the requests in flight finish; before the
 * application's backend connections and shared state close, it waits for the last of them, up to
 * {@code portico.shutdown.timeout}. ({@code server stop} skips the grace: Liberty closes its listeners
 * first.) The TERM handler is the JVM's, chained: the grace runs before it, on a thread of its own.
 */
@ApplicationScoped
public class Drain {
    private static final Logger LOG = Logger.getLogger(Drain.class.getName());
    private static final Signal TERM = new Signal("TERM");

    @Inject
    GatewayConfig config;

    private final Gate gate = new Gate();
    private SignalHandler previous;
    private ShutdownDefinition shutdown;

    /**
     * What the request path asks of the drain: the object itself, not a CDI proxy, kept by the servlet
     * filter for the application's life (three calls per request).
     */
    public static final class Gate {
        private final LongAdder inFlight = new LongAdder();
        private volatile boolean draining;

        public boolean draining() {
            return draining;
        }

        /** A request begins; {@link #leave()} when it is answered. */
        public void enter() {
            inFlight.increment();
        }

        public void leave() {
            inFlight.decrement();
        }
    }

    public Gate gate() {
        return gate;
    }

    public boolean draining() {
        return gate.draining;
    }

    void install(@Observes @Priority(1) @Initialized(ApplicationScoped.class) Object started) {
        shutdown = config.shutdown();
        try {
            previous = Signal.handle(TERM, this::terminate);
        } catch (IllegalArgumentException | UnsupportedOperationException e) { // -Xrs, or TERM not ours to take
            LOG.log(Level.WARNING, "Portico: no drain on SIGTERM ({0}); requests in flight still finish", e.toString());
        }
    }

    private void terminate(Signal signal) {
        if (gate.draining) {
            return;
        }
        gate.draining = true;
        LOG.log(Level.WARNING, "Portico: SIGTERM, draining: readiness is DOWN, new connections are refused in {0} ms",
                Long.toString(shutdown.grace().toMillis()));
        Thread later = new Thread(() -> {
            sleep(shutdown.grace().toMillis());
            SignalHandler jvm = previous;
            if (jvm == null || jvm == SignalHandler.SIG_DFL || jvm == SignalHandler.SIG_IGN) {
                System.exit(128 + signal.getNumber());
            } else {
                jvm.handle(signal);
            }
        }, "portico-drain");
        later.setDaemon(true);
        later.start();
    }

    /** Before any of the application's beans is destroyed: the requests in flight finish first. */
    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (!gate.draining && previous != null) {
            Signal.handle(TERM, previous); // the application stops, the server may not: give TERM back
        }
        gate.draining = true;
        long deadline = System.nanoTime() + shutdown.timeout().toNanos();
        while (gate.inFlight.sum() > 0 && System.nanoTime() < deadline) {
            sleep(20);
        }
        long left = gate.inFlight.sum();
        if (left > 0) {
            LOG.log(Level.WARNING, "Portico: stopping with {0} requests still in flight after portico.shutdown.timeout", left);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.portico.backend;

import dev.portico.observe.Tracing;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads an aggregate's parts run on: a pool of managed threads (from the server's
 * {@code concurrent/part-threads} ManagedThreadFactory, which gives them the application's class loader),
 * so that handing a part over is a hand-off to an idle thread. A ManagedExecutorService captures and
 * re-applies the thread context for every task, which cost ~12 % of an aggregate's CPU (JFR). Threads are
 * made only while none is idle, up to {@link #THREADS}, and end after 30 s idle; when all are busy, the
 * part runs on the request's own thread (slower, but nothing is refused or lost). The pool stops with the
 * application, before its classes go.
 */
@ApplicationScoped
public class PartThreads {
    /** At most this many parts run on the pool at once. */
    static final int THREADS = 64;

    @Resource(lookup = "concurrent/part-threads")
    ManagedThreadFactory factory;

    private ThreadPoolExecutor pool;
    private Executor executor;

    @PostConstruct
    void start() {
        // Refused (all busy, or the application stopping): run on the caller's thread, never dropped.
        pool = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory,
                (part, full) -> part.run());
        executor = part -> pool.execute(Tracing.carried(part)); // with the trace context, when tracing is on
    }

    /** The pool itself, not a CDI proxy: callers keep it for the application's lifetime. */
    public Executor executor() {
        return executor;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}

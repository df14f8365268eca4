package dev.portico.backend;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads an aggregate's parts run on: a pool of managed threads (from the server's
 * {@code concurrent/part-threads} ManagedThreadFactory, which gives them the application's class loader),
 * so that handing a part over is a queue offer. A ManagedExecutorService captures and re-applies the
 * thread context for every task, which cost ~12 % of an aggregate's CPU (JFR). The pool stops with the
 * application, before its classes go.
 */
@ApplicationScoped
public class PartThreads {
    /** At most this many parts run at once; more wait in line (each under its route's deadline). */
    static final int THREADS = 64;

    @Resource(lookup = "concurrent/part-threads")
    ManagedThreadFactory factory;

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
    }

    /** The pool itself, not a CDI proxy: callers keep it for the application's lifetime. */
    public Executor executor() {
        return pool;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}

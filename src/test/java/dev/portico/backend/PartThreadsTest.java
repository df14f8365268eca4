package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartThreadsTest {
    private final PartThreads threads = new PartThreads();

    /** Stands in for the server's factory: plain daemon threads. */
    private static final class Factory implements ManagedThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "part-test");
            thread.setDaemon(true);
            return thread;
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    }

    @BeforeEach
    void start() {
        threads.factory = new Factory();
        threads.start();
    }

    @AfterEach
    void stop() {
        threads.stop();
    }

    @Test
    void aPartRunsOnAThreadOfThePool() {
        Thread ranOn = CompletableFuture.supplyAsync(Thread::currentThread, threads.executor()).join();
        assertNotSame(Thread.currentThread(), ranOn);
        assertTrue(ranOn.getName().equals("part-test"), ranOn.getName());
    }

    @Test
    void aPartTheFullPoolRefusesRunsOnTheCallersThread() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(PartThreads.THREADS);
        for (int i = 0; i < PartThreads.THREADS; i++) {
            threads.executor().execute(() -> {
                busy.countDown();
                awaitQuietly(release);
            });
        }
        try {
            assertTrue(busy.await(10, TimeUnit.SECONDS), "every thread of the pool is busy");
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            threads.executor().execute(() -> ranOn.set(Thread.currentThread()));
            assertSame(Thread.currentThread(), ranOn.get(), "refused, the part is run here, not dropped");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aPartStillRunsWhileTheApplicationStops() {
        threads.stop();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        threads.executor().execute(() -> ranOn.set(Thread.currentThread()));
        assertSame(Thread.currentThread(), ranOn.get());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

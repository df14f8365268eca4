package dev.portico.observe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {
    private final Logger access = Logger.getLogger("portico.access");
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch diskFree = new CountDownLatch(1);
    private final AtomicLong dropped = new AtomicLong();
    private final Handler slowDisk = new Handler() {
        @Override
        public void publish(LogRecord record) {
            try {
                diskFree.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final AccessLogWriter writer = new AccessLogWriter();

    @BeforeEach
    void logToTheSlowDisk() {
        access.setUseParentHandlers(false);
        access.addHandler(slowDisk);
        writer.start(new Counter() {
            @Override
            public void inc() {
                dropped.incrementAndGet();
            }

            @Override
            public void inc(long n) {
                dropped.addAndGet(n);
            }

            @Override
            public long getCount() {
                return dropped.get();
            }
        }, Thread::new);
    }

    @AfterEach
    void restoreTheLogger() {
        diskFree.countDown();
        access.removeHandler(slowDisk);
        access.setUseParentHandlers(true);
    }

    @Test
    void aStalledLogDropsAndCountsLinesInsteadOfBlockingTheRequestAndWritesTheRestOnStop() {
        writer.write(entry("first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.queued() == 0); // the writer holds it, stuck
        for (int i = 0; i < AccessLogWriter.CAPACITY; i++) {
            writer.write(entry("queued-" + i));
        }
        assertEquals(0, dropped.get());

        long before = System.nanoTime();
        writer.write(entry("one-too-many"));
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1), "a full queue does not block");
        assertEquals(1, dropped.get());

        diskFree.countDown();
        writer.stop();
        assertEquals(1 + AccessLogWriter.CAPACITY, written.size());
        assertTrue(written.get(0).contains("\"requestId\":\"first\""), written.get(0));
        assertTrue(written.get(AccessLogWriter.CAPACITY).contains("\"requestId\":\"queued-" + (AccessLogWriter.CAPACITY - 1) + "\""));
        assertTrue(written.stream().noneMatch(l -> l.contains("one-too-many")));
    }

    @Test
    void aLineHasTheRequestAndNoFieldThatIsNull() {
        diskFree.countDown();
        writer.write(new AccessLogWriter.Entry(Instant.parse("2026-12-06T00:00:00Z"), "r-1", null, "GET", "/x", 404, 1500,
                null, null));
        writer.stop();
        assertEquals(List.of("{\"time\":\"2026-12-06T00:00:00Z\",\"requestId\":\"r-1\",\"method\":\"GET\",\"path\":\"/x\","
                + "\"status\":404,\"durationMs\":1.5}"), written);
    }

    private static AccessLogWriter.Entry entry(String requestId) {
        return new AccessLogWriter.Entry(Instant.now(), requestId, "bench", "GET", "/bench/static.json", 200, 390, "bench", null);
    }
}

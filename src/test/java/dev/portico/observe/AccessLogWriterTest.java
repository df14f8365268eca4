package dev.portico.observe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AccessLogWriterTest {
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch diskFree = new CountDownLatch(1);
    private final AtomicBoolean diskFull = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final AccessLogWriter writer = new AccessLogWriter();

    /** A disk that stalls until {@link #diskFree} opens, and fails while {@link #diskFull}. */
    private void start() {
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
        }, Thread::new, lines -> {
            try {
                diskFree.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (diskFull.get()) {
                throw new IOException("No space left on device");
            }
            written.addAll(lines);
        });
    }

    @AfterEach
    void freeTheDisk() {
        diskFree.countDown();
    }

    @Test
    void aStalledLogDropsAndCountsLinesInsteadOfBlockingTheRequestAndWritesTheRestOnStop() {
        start();
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
    void linesThatCannotBeWrittenAreCountedAsDropped() {
        diskFull.set(true);
        diskFree.countDown();
        start();
        writer.write(entry("a"));
        writer.write(entry("b"));
        writer.stop();
        assertEquals(2, dropped.get());
        assertTrue(written.isEmpty());
    }

    @Test
    void aLineHasTheRequestAndNoFieldThatIsNull() {
        diskFree.countDown();
        start();
        writer.write(new AccessLogWriter.Entry(Instant.parse("2026-12-06T00:00:00Z"), "r-1", null, null, "GET", "/x", 404,
                1500, null, null, null, null));
        writer.write(new AccessLogWriter.Entry(Instant.parse("2026-12-06T00:00:01Z"), "r-2",
                "0af7651916cd43dd8448eb211c80319c", "echo", "GET", "/api/v1/echo", 200, 250, "echo", "123",
                "http://127.0.0.1:19094/base", "hit"));
        writer.stop();
        assertEquals(List.of("{\"time\":\"2026-12-06T00:00:00Z\",\"requestId\":\"r-1\",\"method\":\"GET\",\"path\":\"/x\","
                + "\"status\":404,\"durationMs\":1.5}",
                "{\"time\":\"2026-12-06T00:00:01Z\",\"requestId\":\"r-2\",\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
                + "\"route\":\"echo\",\"method\":\"GET\",\"path\":\"/api/v1/echo\",\"status\":200,\"durationMs\":0.25,"
                + "\"backend\":\"echo\",\"instance\":\"http://127.0.0.1:19094/base\",\"subject\":\"123\",\"cache\":\"hit\"}"), written);
    }

    private static AccessLogWriter.Entry entry(String requestId) {
        return new AccessLogWriter.Entry(Instant.now(), requestId, null, "bench", "GET", "/bench/static.json", 200, 390,
                "bench", null, null, null);
    }
}

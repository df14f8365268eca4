package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which idle connection a lease takes, on real loopback sockets and a clock the test moves. */
class ConnectionPoolTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private ServerSocket server;
    private ConnectionPool pool;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress()); // the kernel completes the connects
        pool = new ConnectionPool("127.0.0.1", server.getLocalPort(), null, Duration.ofSeconds(1), clock::get);
    }

    @AfterEach
    void stop() throws IOException {
        pool.close();
        server.close();
    }

    /** Returns the connections to the pool in this order: the first given is then the one idle longest. */
    private void release(ConnectionPool.Connection... oldestFirst) {
        for (ConnectionPool.Connection c : oldestFirst) {
            pool.release(c);
        }
    }

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void theConnectionUsedLastIsReusedFirst() throws IOException {
        ConnectionPool.Connection older = pool.lease();
        ConnectionPool.Connection newer = pool.lease();
        release(older, newer);
        advance(Duration.ofMillis(100));

        assertSame(newer, pool.lease());
        assertSame(older, pool.lease());
    }

    @Test
    void aBusyPoolTouchesItsLongestIdleSpareBeforeItAgesOut() throws IOException {
        ConnectionPool.Connection spare = pool.lease();
        ConnectionPool.Connection busy = pool.lease();
        release(spare, busy);
        advance(ConnectionPool.TOUCH_AFTER.plusMillis(100));

        assertSame(spare, pool.lease(), "the spare, idle for over TOUCH_AFTER, carries this request");
        assertSame(busy, pool.lease());
        assertEquals(0, pool.idleCount());
    }

    @Test
    void atMostOneLeasePerTouchIntervalTakesTheLongestIdle() throws IOException {
        ConnectionPool.Connection a = pool.lease();
        ConnectionPool.Connection b = pool.lease();
        ConnectionPool.Connection c = pool.lease();
        release(a, b, c);
        advance(ConnectionPool.TOUCH_AFTER.plusMillis(100));

        assertSame(a, pool.lease(), "the first lease touches the longest idle");
        assertSame(c, pool.lease(), "the next, within TOUCH_EVERY, takes the one used last");
        pool.release(c);
        advance(ConnectionPool.TOUCH_EVERY);
        assertSame(b, pool.lease(), "a TOUCH_EVERY later the longest idle is touched again");
    }

    @Test
    void aSpareIdleTooLongIsClosedNotTouched() throws IOException {
        ConnectionPool.Connection old = pool.lease();
        pool.release(old);
        advance(ConnectionPool.IDLE_REUSE);

        ConnectionPool.Connection fresh = pool.lease();
        assertNotSame(old, fresh);
        assertEquals(false, old.http.isOpen());
    }
}

package dev.portico.backend;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * One instance's keep-alive connections (HTTP/1.1 over TCP, or TLS with host-name verification). The
 * connection used last is reused first, so a quiet pool's spare connections age out. Nothing waits for a
 * connection: when none is idle a new one is opened (the backend's bulkhead bounds how many are in use).
 *
 * <p>A busy pool keeps its spares warm: at most every {@link #TOUCH_EVERY}, a lease takes the connection idle
 * longest instead, once that one has been idle for {@link #TOUCH_AFTER}. Under a steady load whose
 * concurrency wavers, the connections only its peaks need would otherwise age out between the peaks and be
 * opened again at the next one (~15 a minute at 32 connections); each new connection's buffers ({@link #HTTP1})
 * live a few seconds, long enough to be promoted, and were most of what filled the old generation towards
 * a full collection. A quiet pool touches nothing, since nothing leases; at most one lease in
 * {@code TOUCH_EVERY} pays the stale check (up to 1 ms).
 *
 * <p>A connection is never reused once it has been idle for {@link #IDLE_REUSE}: common backends close idle
 * keep-alive connections after 5 s (Node.js) or more, and writing to one they have just closed fails the
 * request. One idle for {@link #VALIDATE_AFTER} is checked first (a read of at most 1 ms): one the backend
 * has closed meanwhile is dropped, not written to. Busy connections are reused within milliseconds and never
 * pay for the check.
 */
final class ConnectionPool implements Closeable {
    static final Duration IDLE_REUSE = Duration.ofSeconds(3);
    static final Duration VALIDATE_AFTER = Duration.ofMillis(500);
    static final Duration TOUCH_AFTER = Duration.ofSeconds(1);
    static final Duration TOUCH_EVERY = Duration.ofMillis(100);
    private static final long IDLE_REUSE_NANOS = IDLE_REUSE.toNanos();
    private static final long VALIDATE_AFTER_NANOS = VALIDATE_AFTER.toNanos();
    private static final long TOUCH_AFTER_NANOS = TOUCH_AFTER.toNanos();
    private static final long TOUCH_EVERY_NANOS = TOUCH_EVERY.toNanos();
    /**
     * 8 KiB session buffers, not HttpCore's default 32 KiB: they hold a message head and small bodies (larger
     * reads and writes go straight to the socket), and a connection's three buffers were 96 KiB, allocated
     * whenever one is opened and held while it is pooled.
     */
    private static final Http1Config HTTP1 = Http1Config.custom().setBufferSize(8 * 1024).build();

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final int connectMillis;
    private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
    private final LongSupplier nanoTime;
    private final AtomicLong lastTouch;
    private volatile boolean closed;

    /** @param tls how TLS connections are made, or null for plain TCP */
    ConnectionPool(String host, int port, SSLSocketFactory tls, Duration connectTimeout) {
        this(host, port, tls, connectTimeout, System::nanoTime);
    }

    ConnectionPool(String host, int port, SSLSocketFactory tls, Duration connectTimeout, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastTouch = new AtomicLong(nanoTime.getAsLong());
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }

    /** A pooled connection and when it went idle. */
    private record Idle(Connection connection, long sinceNanos) {
    }

    /**
     * An open connection: a reusable idle one, else a new one.
     *
     * @throws ConnectException when a new connection cannot be made in time (nothing was sent)
     */
    Connection lease() throws IOException {
        long now = nanoTime.getAsLong();
        Idle longest = idle.peekLast();
        if (longest != null && now - longest.sinceNanos >= TOUCH_AFTER_NANOS && touchDue(now)) {
            Idle spare = idle.pollLast();
            if (spare != null && usable(spare, now)) {
                return spare.connection;
            }
        }
        for (Idle spare; (spare = idle.pollFirst()) != null; ) {
            if (usable(spare, now)) {
                return spare.connection;
            }
        }
        return open();
    }

    /** Whether this lease is the one that may touch the longest-idle connection now (one per TOUCH_EVERY). */
    private boolean touchDue(long now) {
        long last = lastTouch.get();
        return now - last >= TOUCH_EVERY_NANOS && lastTouch.compareAndSet(last, now);
    }

    /** Whether a connection taken from the pool may carry a request; one that may not is closed. */
    private static boolean usable(Idle spare, long now) {
        long idleFor = now - spare.sinceNanos;
        if (idleFor < VALIDATE_AFTER_NANOS || (idleFor < IDLE_REUSE_NANOS && !spare.connection.stale())) {
            return true;
        }
        spare.connection.discard();
        return false;
    }

    /** Returns a connection whose exchange is complete and that both sides keep open. */
    void release(Connection connection) {
        connection.reused = true;
        idle.offerFirst(new Idle(connection, nanoTime.getAsLong()));
        if (closed) {
            drain();
        }
    }

    /** Closes the connections idle for longer than {@link #IDLE_REUSE} (run every second or so). */
    void evictIdle() {
        long now = nanoTime.getAsLong();
        // A lease racing with this sees the same connection as too old and drops it itself.
        idle.removeIf(spare -> {
            boolean old = now - spare.sinceNanos >= IDLE_REUSE_NANOS;
            if (old) {
                spare.connection.discard();
            }
            return old;
        });
    }

    int idleCount() {
        return idle.size();
    }

    Connection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            try {
                socket.connect(new InetSocketAddress(host, port), connectMillis);
            } catch (SocketTimeoutException e) {
                throw connectFailed("timed out", e);
            }
            DefaultBHttpClientConnection http = new DefaultBHttpClientConnection(HTTP1);
            if (tls == null) {
                http.bind(socket);
            } else {
                http.bind(handshake(socket), socket);
            }
            return new Connection(http);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket handshake(Socket socket) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(connectMillis);
        try {
            ssl.startHandshake();
        } catch (SocketTimeoutException e) {
            throw connectFailed("timed out in the TLS handshake", e);
        }
        return ssl;
    }

    private ConnectException connectFailed(String how, IOException cause) {
        ConnectException e = new ConnectException("Connect to " + host + ":" + port + " " + how);
        e.initCause(cause);
        return e;
    }

    private void drain() {
        for (Idle spare; (spare = idle.pollFirst()) != null; ) {
            spare.connection.discard();
        }
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    /**
     * One connection. Its socket timeout is set only when it changes by 10 ms or more: a try's timeout is
     * what is left of the route deadline, different on every request, and each set takes the socket's lock.
     */
    static final class Connection {
        private static final long SAME_TIMEOUT_MILLIS = 10;
        final DefaultBHttpClientConnection http;
        private long timeoutMillis = -1;
        /** It has carried an exchange before: a failure on it may be the backend having closed it meanwhile. */
        volatile boolean reused;

        Connection(DefaultBHttpClientConnection http) {
            this.http = http;
        }

        void timeout(Duration next) {
            long millis = Math.max(1, next.toMillis());
            if (Math.abs(millis - timeoutMillis) >= SAME_TIMEOUT_MILLIS) {
                http.setSocketTimeout(Timeout.ofMilliseconds(millis));
                timeoutMillis = millis;
            }
        }

        boolean stale() {
            try {
                return http.isStale();
            } catch (IOException e) {
                return true;
            }
        }

        void discard() {
            http.close(CloseMode.IMMEDIATE);
        }
    }
}

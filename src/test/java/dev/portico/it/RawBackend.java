package dev.portico.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend on a raw server socket, for what an HTTP server library will not do on purpose: close without
 * answering, send its body slowly, close idle keep-alive connections early (as Node.js does after 5 s).
 * It records the head of every request it reads and counts the connections it accepted.
 */
final class RawBackend implements AutoCloseable {
    /** How the backend behaves for every request. */
    enum Mode {
        /** 200 with a small JSON body and the request's head echoed in headers; keep-alive. */
        ANSWER,
        /** Reads the request and closes the connection without a byte of answer. */
        CLOSE,
        /** Sends the head at once, then a 10 KiB body, 1 KiB every 100 ms. */
        SLOW_BODY
    }

    static final int SLOW_CHUNKS = 10;

    private final int port;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger idleClosed = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private volatile Mode mode = Mode.ANSWER;
    private volatile int idleCloseMillis = 60_000;
    private ServerSocket server;

    RawBackend(int port) {
        this.port = port;
    }

    synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        server = new ServerSocket(port, 64, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    void reset() {
        mode = Mode.ANSWER;
        idleCloseMillis = 60_000;
        requests.clear();
        heads.clear();
        connections.set(0);
        idleClosed.set(0);
    }

    void mode(Mode value) {
        mode = value;
    }

    /** Idle keep-alive connections are closed by the backend after this long. */
    void idleClose(int millis) {
        idleCloseMillis = millis;
    }

    /** The request line of every request read, in order. */
    List<String> requests() {
        return requests;
    }

    /** The whole head of the last request. */
    String lastHead() {
        return heads.isEmpty() ? "" : heads.get(heads.size() - 1);
    }

    int connections() {
        return connections.get();
    }

    /** Keep-alive connections the backend has closed for being idle. */
    int idleClosed() {
        return idleClosed.get();
    }

    private final List<String> heads = new CopyOnWriteArrayList<>();

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            while (true) {
                socket.setSoTimeout(idleCloseMillis);
                String head;
                try {
                    head = readHead(in);
                } catch (SocketTimeoutException idle) {
                    idleClosed.incrementAndGet();
                    return; // an idle keep-alive connection: closed, as Node.js does
                }
                if (head == null) {
                    return;
                }
                skipBody(in, head);
                requests.add(head.substring(0, head.indexOf("\r\n")));
                heads.add(head);
                switch (mode) {
                    case CLOSE -> {
                        return;
                    }
                    case SLOW_BODY -> {
                        slowBody(out);
                        return;
                    }
                    default -> answer(out, head);
                }
            }
        } catch (IOException | InterruptedException e) {
            // the gateway went away; nothing to record
        }
    }

    private static void answer(OutputStream out, String head) throws IOException {
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static void slowBody(OutputStream out) throws IOException, InterruptedException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + SLOW_CHUNKS * 1024 + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        byte[] chunk = new byte[1024];
        for (int i = 0; i < SLOW_CHUNKS; i++) {
            Thread.sleep(100); // the backend's own pace, not a test's synchronisation
            out.write(chunk);
            out.flush();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^Content-Length:\\s*(\\d+)").matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
        threads.shutdownNow();
    }
}

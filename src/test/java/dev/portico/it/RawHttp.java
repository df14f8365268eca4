package dev.portico.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends bytes no well-behaved HTTP client would send, and reads the status line and the rest. */
public final class RawHttp {
    private RawHttp() {
    }

    /** The whole response as text (the connection is closed by the request's Connection: close). */
    public static String send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", 9080)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    public static String get(String rawPath) throws IOException {
        return send("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:9080\r\nConnection: close\r\n\r\n");
    }

    public static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}

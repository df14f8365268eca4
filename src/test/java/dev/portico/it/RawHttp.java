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
            return read(socket.getInputStream());
        }
    }

    /**
     * One response: its head, then as many body bytes as its Content-Length says (a server that
     * refuses a body without reading it need not close the connection at once), else up to EOF.
     */
    private static String read(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0) {
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^Content-Length:\\s*(\\d+)")
                        .matcher(text.substring(0, end));
                if (length.find()) {
                    bytes.write(in.readNBytes(Integer.parseInt(length.group(1))));
                    return bytes.toString(StandardCharsets.ISO_8859_1);
                }
                bytes.write(in.readAllBytes());
                return bytes.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    public static String get(String rawPath) throws IOException {
        return send("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:9080\r\nConnection: close\r\n\r\n");
    }

    public static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }
}

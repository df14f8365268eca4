package dev.portico.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeepAliveTest {
    private static boolean reusable(boolean http11, boolean bodiless, String... headers) {
        KeepAlive keepAlive = new KeepAlive();
        for (int i = 0; i < headers.length; i += 2) {
            keepAlive.header(headers[i], headers[i + 1]);
        }
        return keepAlive.reusable(http11, bodiless);
    }

    @Test
    void aDelimitedHttp11BodyKeepsTheConnection() {
        assertEquals(true, reusable(true, false, "Content-Type", "text/plain", "content-length", "12"));
        assertEquals(true, reusable(true, false, "Transfer-Encoding", "gzip, Chunked"));
        assertEquals(true, reusable(true, true), "no body, nothing to delimit");
    }

    @Test
    void closeFromTheBackendOrACloseDelimitedBodyEndsIt() {
        assertEquals(false, reusable(true, false, "Content-Length", "12", "Connection", "Keep-Alive, CLOSE"));
        assertEquals(false, reusable(true, true, "connection", "close"));
        assertEquals(false, reusable(true, false, "Content-Type", "text/plain"), "the body ends when the connection does");
        assertEquals(false, reusable(true, false, "Transfer-Encoding", "chunked, gzip"), "chunked must be last");
        assertEquals(false, reusable(true, false, "Content-Length", "12", "Content-Length", "12"));
    }

    @Test
    void aConnectionHeaderNamingOthersButNotKeepAliveEndsIt() {
        assertEquals(false, reusable(true, false, "Content-Length", "12", "Connection", "X-Hop"));
        assertEquals(true, reusable(true, false, "Content-Length", "12", "Connection", "X-Hop, keep-alive"));
    }

    @Test
    void http10PersistsOnlyWhenItSaysKeepAlive() {
        assertEquals(false, reusable(false, false, "Content-Length", "12"));
        assertEquals(true, reusable(false, false, "Content-Length", "12", "Connection", "keep-alive"));
    }
}

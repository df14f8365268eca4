package dev.portico.it;

import static dev.portico.it.Gateway.token;
import static dev.portico.it.ReferenceBackends.ECHO_A;
import static dev.portico.it.ReferenceBackends.ECHO_B;
import static dev.portico.it.ReferenceBackends.FLAKY;
import static dev.portico.it.ReferenceBackends.KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.HttpService;
import dev.portico.demo.ReferenceSystem;
import dev.portico.devtools.DevToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input suite: every case goes over a raw socket to the deployed gateway, and each must
 * be refused with its status and an RFC 9457 problem (or, where Liberty answers before the gateway
 * runs, Liberty's plain 400 — marked {@code LIBERTY}), and reach no backend at all.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class HostileInputIT {
    /** Liberty's web container answers these itself (Servlet 6 URI canonicalization): 400, not a problem. */
    private static final boolean LIBERTY = false;
    private static final boolean PROBLEM = true;
    private static final String ITEM = "/api/v2/items/123";
    private static final String ECHO = "/api/v1/echo/x";

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @AfterEach
    void nothingReachedABackend() {
        ReferenceSystem system = ReferenceBackends.system();
        for (HttpService backend : List.of(ECHO_A, ECHO_B, FLAKY, KEYS, system.users, system.orders)) {
            List<String> calls = backend.received().stream().map(r -> r.method() + " " + r.target())
                    .filter(t -> !t.endsWith("/health")).toList();
            assertTrue(calls.isEmpty(), backend.name() + " was called: " + calls);
        }
        assertEquals(0, system.products.received().size(), "products backend was called");
    }

    /** Every token sent above starts with this ({"alg": in base64url); none may be in any server log or FFDC file. */
    @AfterAll
    static void noTokenReachedAnyLog() throws Exception {
        Path logs = Path.of(System.getProperty("wlp.home", "target/liberty/wlp"), "usr", "servers", "portico", "logs");
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("eyJhbGciOi"), "a token in " + file);
            }
        }
    }

    static Stream<Arguments> hostile() {
        List<Arguments> cases = new ArrayList<>();
        // --- JWT (RFC 8725): each bad variant of an otherwise valid token for the route's owner ---
        for (String variant : List.of("expired", "not-yet-valid", "future-iat", "wrong-key", "wrong-issuer",
                "wrong-audience", "no-exp", "no-sub", "tampered", "alg-none", "hs256", "alg-mismatch", "jku", "x5u",
                "jwk", "crit", "oversized")) {
            cases.add(jwt("jwt " + variant, bad(variant, "RS256"), 401));
        }
        cases.add(jwt("jwt ES256 wrong-key", bad("wrong-key", "ES256"), 401));
        cases.add(jwt("jwt ES256 tampered", bad("tampered", "ES256"), 401));
        cases.add(jwt("jwt garbage", "Bearer not.a.jwt", 401));
        cases.add(jwt("jwt empty bearer", "Bearer ", 401));
        cases.add(jwt("jwt basic instead of bearer", "Basic YWRtaW46YWRtaW4=", 401));
        cases.add(jwt("jwt none", null, 401));
        cases.add(jwt("jwt another user's data", "Bearer " + token("124", "user"), 403));
        cases.add(jwt("jwt without the role", "Bearer " + token("123", "guest"), 403));
        cases.add(raw("two Authorization headers", "GET " + ITEM + " HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer "
                + token("123", "user") + "\r\nAuthorization: Bearer " + token("ops", "admin") + "\r\n", 400, PROBLEM));
        // --- framing and sizes ---
        cases.add(raw("two Host headers", "GET " + ECHO + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n", 400, PROBLEM));
        cases.add(raw("header block over 16 KiB", "GET " + ECHO + " HTTP/1.1\r\nHost: a\r\nX-Big: "
                + "a".repeat(17_000) + "\r\n", 431, PROBLEM));
        cases.add(raw("URI over 8 KiB", "GET " + ECHO + "?q=" + "a".repeat(9_000) + " HTTP/1.1\r\nHost: a\r\n", 414,
                PROBLEM));
        cases.add(raw("declared body over the route's 1 MiB", "POST " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2000000\r\n", 413, PROBLEM));
        cases.add(raw("create-order body over 64 KiB", "POST /api/v1/orders HTTP/1.1\r\nHost: a\r\nAuthorization: "
                + "Bearer " + token("123", "user") + "\r\nContent-Type: application/json\r\nContent-Length: 70000\r\n",
                413, PROBLEM));
        cases.add(raw("a Host that is not a host", "GET " + ECHO + " HTTP/1.1\r\nHost: a b\r\n", 400, PROBLEM));
        cases.add(raw("a Host with a path", "GET " + ECHO + " HTTP/1.1\r\nHost: a/admin\r\n", 400, PROBLEM));
        cases.add(raw("HTTP/1.1 without Host", "GET " + ECHO + " HTTP/1.1\r\n", 400, PROBLEM));
        cases.add(raw("TRACE", "TRACE " + ECHO + " HTTP/1.1\r\nHost: a\r\n", 405, PROBLEM));
        String chunked = "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(100 * 1024) + "\r\n"
                + "x".repeat(100 * 1024) + "\r\n0\r\n\r\n";
        cases.add(raw("chunked body over a declared route's 64 KiB", "POST /api/v1/flaky/x HTTP/1.1\r\nHost: a\r\n"
                + chunked, 413, PROBLEM));
        cases.add(raw("chunked body over create-order's 64 KiB", "POST /api/v1/orders HTTP/1.1\r\nHost: a\r\n"
                + "Authorization: Bearer " + token("123", "user") + "\r\nContent-Type: application/json\r\n" + chunked,
                413, PROBLEM));
        // --- framing the servlet layer sees first (each was a 500 before the data plane left JAX-RS) ---
        cases.add(raw("a declared body of 2^31 bytes", "POST " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Content-Length: 2147483648\r\n", 413, PROBLEM));
        cases.add(raw("a declared body beyond any long", "POST " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Content-Length: 99999999999999999999\r\n", 413, PROBLEM));
        cases.add(raw("a NUL byte in a header value", "GET " + ECHO + " HTTP/1.1\r\nHost: a\r\nX-A: a\u0000b\r\n", 400,
                PROBLEM));
        cases.add(raw("raw UTF-8 in the path", "GET /api/v1/echo/caf\u00c3\u00a9 HTTP/1.1\r\nHost: a\r\n", 400, PROBLEM));
        cases.add(raw("raw UTF-8 in the query", "GET " + ECHO + "?q=caf\u00c3\u00a9 HTTP/1.1\r\nHost: a\r\n", 400, PROBLEM));
        cases.add(raw("a malformed escape in the query", "GET " + ECHO + "?q=%zz HTTP/1.1\r\nHost: a\r\n", 400, PROBLEM));
        cases.add(raw("a truncated escape in the query", "GET " + ECHO + "?q=%4 HTTP/1.1\r\nHost: a\r\n", 400, PROBLEM));
        cases.add(raw("a chunk size that is not hex", "POST " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", 400, PROBLEM));
        cases.add(raw("a chunk without its CRLF", "POST " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabcXX", 400, PROBLEM));
        // --- paths: the gateway's own checks ---
        for (String path : List.of("/api/v1/echo/%252e%252e/admin", "/api/v1/echo/a%252fb", "/api/v1/echo/a%2500b",
                "/api/v1/echo/a%255cb", "/api/v1/echo/a;jsessionid=1", "/api/v1/echo/a%3bx=1", "/api/v1/echo//x",
                "/api/v1/echo/%25252e%25252e/x", "/api/v1/echo/../../admin/routes", "/api/v1/echo/./x")) {
            cases.add(raw("path " + path, "GET " + path + " HTTP/1.1\r\nHost: a\r\n", 400, PROBLEM));
        }
        cases.add(raw("path with a raw backslash (Liberty refuses it; the error page makes it a problem)",
                "GET /api/v1/echo/a\\b HTTP/1.1\r\nHost: a\r\n", 400, PROBLEM));
        // --- paths Liberty refuses before any application: through the error page (a problem), or not ---
        for (String path : List.of("/api/v1/echo/%2e%2e/admin", "/api/v1/echo/a%2fb", "/api/v1/echo/a%5cb")) {
            cases.add(raw("path " + path + " (Liberty, error page)", "GET " + path + " HTTP/1.1\r\nHost: a\r\n", 400,
                    PROBLEM));
        }
        for (String path : List.of("/api/v1/echo/a%00b", "/api/v1/echo/%zz", "/api/v1/echo/%3Cscript%3E%00")) {
            cases.add(raw("path " + path + " (Liberty)", "GET " + path + " HTTP/1.1\r\nHost: a\r\n", 400, LIBERTY));
        }
        cases.add(raw("a space in a header name (Liberty)", "GET " + ECHO + " HTTP/1.1\r\nHost: a\r\nX A: b\r\n", 400,
                LIBERTY));
        // --- CORS (echo allows https://app.example only) ---
        cases.add(raw("CORS preflight from a foreign origin", "OPTIONS " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Origin: https://evil.example\r\nAccess-Control-Request-Method: GET\r\n", 403, PROBLEM));
        cases.add(raw("CORS preflight for a method the route lacks", "OPTIONS " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Origin: https://app.example\r\nAccess-Control-Request-Method: PATCH\r\n", 403, PROBLEM));
        cases.add(raw("CORS preflight for a header not allowed", "OPTIONS " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Origin: https://app.example\r\nAccess-Control-Request-Method: GET\r\n"
                + "Access-Control-Request-Headers: x-evil\r\n", 403, PROBLEM));
        cases.add(raw("CORS request from a foreign origin", "GET " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Origin: https://evil.example\r\n", 403, PROBLEM));
        cases.add(raw("CORS request from the null origin", "GET " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Origin: null\r\n", 403, PROBLEM));
        cases.add(raw("CORS look-alike origin", "GET " + ECHO + " HTTP/1.1\r\nHost: a\r\n"
                + "Origin: https://app.example.evil.example\r\n", 403, PROBLEM));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void isRefusedBeforeAnyBackend(String name, String request, int status, boolean problem) throws Exception {
        String response = RawHttp.send(request.endsWith("\r\n\r\n") ? request : request + "Connection: close\r\n\r\n");

        assertEquals(status, RawHttp.status(response), response);
        assertFalse(response.contains("Exception") || response.contains("com.ibm") || response.contains("at dev."),
                "no stack trace: " + response);
        assertFalse(response.contains("eyJ"), "no token content: " + response);
        assertFalse(response.contains("<script"), "nothing reflected as markup: " + response);
        if (problem) {
            assertTrue(response.contains("Content-Type: application/problem+json"), response);
            assertTrue(response.contains("\"status\":" + status), response);
            assertTrue(response.contains("\"requestId\":"), response);
        }
    }

    private static Arguments jwt(String name, String authorization, int status) {
        return raw(name, "GET " + ITEM + " HTTP/1.1\r\nHost: a\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n"), status, PROBLEM);
    }

    private static Arguments raw(String name, String request, int status, boolean problem) {
        return Arguments.of(name, request, status, problem);
    }

    private static String bad(String variant, String alg) {
        try {
            return "Bearer " + DevToken.forSubject("123").groups("user").alg(alg).bad(variant)
                    .sign(Path.of(System.getProperty("dev.keys.dir", "target/dev-keys")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

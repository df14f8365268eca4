package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static dev.portico.it.ReferenceBackends.KEYS;
import static dev.portico.it.ReferenceBackends.echoed;
import static dev.portico.it.ReferenceBackends.SECURE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.Received;
import dev.portico.devtools.DevToken;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the security features do when a request is allowed: ES256 and JWKS key handling (rotation,
 * cooldown, key server down), TLS on 9443 and toward a backend, CORS answers, and headers the
 * backend must never see.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
    private static final Path KEYS_DIR = Path.of(System.getProperty("dev.keys.dir", "target/dev-keys"));

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }


    private static String sign(DevToken token) throws Exception {
        return token.sign(KEYS_DIR);
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    @Test
    void anEs256TokenIsAcceptedAndItsSubjectSentOn() throws Exception {
        HttpResponse<String> response = get("/api/v2/items/123",
                sign(DevToken.forSubject("123").alg("ES256").clientType("mobile")));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("123", echoed().get(0).header("X-Portico-Subject"));
        assertEquals("mobile", echoed().get(0).header("X-Portico-Client-Type"));
        assertEquals(null, echoed().get(0).header("Authorization"), "the token goes only where configured");
    }

    @Test
    void anUnknownKidRefetchesTheKeysAtMostOncePerCooldownWhateverTheRate() throws Exception {
        KeyPair stranger = rsa();
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            String token = sign(DevToken.forSubject("123").signedWith("unknown-" + i % 3, stranger.getPrivate()));
            assertProblem(get("/api/v2/items/123", token), 401);
        }
        long cooldowns = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) / 3;
        assertTrue(KEYS.received().size() <= 1 + cooldowns, KEYS.received().size() + " fetches for 30 unknown kids");
        assertTrue(echoed().isEmpty());
    }

    @Test
    void aRotatedKeyIsPickedUpOnItsFirstUse() throws Exception {
        // At most one cooldown (3 s in the tests) after an earlier refetch.
        awaitARotatedKeyAccepted("rotated-", Duration.ofSeconds(10));
        assertTrue(KEYS.received().size() <= 5, KEYS.received().size() + " fetches");
    }

    /**
     * The key fetch's MP FT policies, with the values arquillian.xml sets through their MP Config keys
     * ({@code KeyFetch/document/Timeout/value=1}, {@code .../CircuitBreaker/delay=10}): a hanging key server
     * is given up at 1 s per try and tried twice; a failing one, after four failed tries, is not called at all
     * while the circuit is open; and it is used again once the circuit lets a try through. First in the
     * class: the circuit's record of tries lives as long as the deployment, and other tests fail tries.
     */
    @Test
    @Order(1)
    void theKeyFetchIsCutAtItsTimeoutRetriedOnceAndBreaksTheCircuit() throws Exception {
        KeyPair stranger = rsa();
        Callable<Integer> unknownKid = () -> {
            assertProblem(get("/api/v2/items/123", sign(DevToken.forSubject("123").signedWith("x", stranger.getPrivate()))),
                    401);
            return KEYS.received().size();
        };
        KEYS.faults().delay(Duration.ofSeconds(6));
        long[] slowest = {0};
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
            long start = System.nanoTime();
            int fetched = unknownKid.call();
            slowest[0] = Math.max(slowest[0], System.nanoTime() - start);
            return fetched >= 2;
        });
        assertEquals(2, KEYS.received().size(), "one fetch: a try and one retry");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(slowest[0]) < 5000,
                "each try cut at 1 s, not the key server's 6 s: " + TimeUnit.NANOSECONDS.toMillis(slowest[0]) + " ms");

        KEYS.faults().delay(Duration.ZERO).status(503);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> unknownKid.call() >= 4);
        assertEquals(4, KEYS.received().size(), "a second fetch after the cooldown: two tries more");
        // Four failed tries: the circuit is open for 10 s, so the refetches due after each 3 s cooldown fail
        // without a call.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).pollInterval(Duration.ofMillis(500))
                .until(() -> unknownKid.call() == 4);

        KEYS.faults().reset();
        awaitARotatedKeyAccepted("after-the-circuit-", Duration.ofSeconds(20));
    }

    /** The key server publishes a new key; a token signed with it is accepted within {@code atMost}. */
    private static void awaitARotatedKeyAccepted(String kidPrefix, Duration atMost) throws Exception {
        KeyPair next = rsa();
        String kid = kidPrefix + UUID.randomUUID();
        KEYS.publish(kid, next.getPublic());
        String token = sign(DevToken.forSubject("123").signedWith(kid, next.getPrivate()));
        await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/v2/items/123", token).statusCode() == 200);
    }

    @Test
    void theLastGoodKeysKeepWorkingWhileTheKeyServerIsDown() throws Exception {
        KEYS.close();
        HttpResponse<String> response = get("/api/v2/items/123", token("123", "user"));

        assertEquals(200, response.statusCode(), response.body());
        KeyPair stranger = rsa();
        assertProblem(get("/api/v2/items/123", sign(DevToken.forSubject("123").signedWith("gone", stranger.getPrivate()))),
                401);
    }

    /**
     * The secure backend's health path is checked over HTTPS every 300 ms (arquillian.xml) by the MP Rest
     * Client: it trusts the backend's trust store (a self-signed certificate; Liberty's own key store or the
     * JVM's CAs would refuse it and take the instance out).
     */
    @Test
    void aHealthCheckOverTlsTrustsTheBackendsTrustStore() {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> json(get("/admin/backends", token("ops", "admin"))).getJsonArray("backends").stream()
                        .map(b -> b.asJsonObject()).filter(b -> b.getString("id").equals("secure")).findFirst().orElseThrow()
                        .getJsonArray("instances").getJsonObject(0).getBoolean("healthy"));
    }

    /** One request over TLS to 9443, trusting Liberty's self-signed dev certificate; the response and the protocol. */
    private static String[] overTls(String path) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", 9443)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:9443\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return new String[] {response, socket.getSession().getProtocol()};
        }
    }

    @Test
    void httpsIsTerminatedOn9443WithTls12OrLater() throws Exception {
        String[] answer = overTls("/api/v1/products/1");

        assertTrue(answer[0].startsWith("HTTP/1.1 200"), answer[0]);
        assertTrue(answer[1].equals("TLSv1.3") || answer[1].equals("TLSv1.2"), answer[1]);
        assertFalse(answer[0].contains("Strict-Transport-Security"), "no HSTS where HTTPS is not required");
    }

    @Test
    void anHttpsOnlyRouteRedirectsPlainHttpAndSendsHsts() throws Exception {
        String plain = RawHttp.send("GET /api/v1/tls-only/x?q=1 HTTP/1.1\r\nHost: 127.0.0.1:9080\r\nConnection: close\r\n\r\n");
        assertEquals(308, RawHttp.status(plain), plain);
        assertTrue(plain.contains("Location: https://127.0.0.1:9443/api/v1/tls-only/x?q=1"), plain);
        assertTrue(echoed().isEmpty(), "nothing is forwarded in the clear");
        // A client cannot talk its way out of the redirect: forwarding and Liberty's private headers are not believed.
        String claiming = RawHttp.send("GET /api/v1/tls-only/x HTTP/1.1\r\nHost: 127.0.0.1:9080\r\n"
                + "X-Forwarded-Proto: https\r\n$WSSC: https\r\n$WSIS: true\r\nConnection: close\r\n\r\n");
        assertEquals(308, RawHttp.status(claiming), claiming);
        assertTrue(echoed().isEmpty());

        String secure = overTls("/api/v1/tls-only/x?q=1")[0];
        assertTrue(secure.startsWith("HTTP/1.1 200"), secure);
        assertTrue(secure.contains("Strict-Transport-Security: max-age=31536000; includeSubDomains"), secure);
        assertEquals(1, echoed().size());
    }

    @Test
    void tlsBelow12IsRefused() throws Exception {
        // openssl (installed by .ci/run if missing) can still offer TLS 1.1 at security level 0; the JDK client
        // cannot, so it would prove nothing.
        String current = handshake("-tls1_2");
        assertTrue(current.contains("New, TLSv1.2, Cipher is ") && !current.contains("(NONE)"), "openssl works: " + current);
        for (String old : List.of("-tls1_1", "-tls1")) {
            String refused = handshake(old);
            assertTrue(refused.contains("Cipher is (NONE)") && refused.contains("no peer certificate"), refused);
        }
    }

    private static String handshake(String version) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:9443", version,
                "-cipher", "DEFAULT:@SECLEVEL=0").redirectErrorStream(true).start();
        openssl.getOutputStream().close();
        assertTrue(openssl.waitFor(20, TimeUnit.SECONDS));
        return new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void aBackendIsCalledOverTlsWithItsConfiguredTrustStoreOnly() {
        HttpResponse<String> trusted = get("/api/v1/secure/x", null);
        assertEquals(200, trusted.statusCode(), trusted.body());
        assertEquals("secure", json(trusted).getString("instance"));
        assertEquals(1, SECURE.received().size());

        HttpResponse<String> untrusted = get("/api/v1/untrusted/x", null);
        assertProblem(untrusted, 502);
        assertFalse(untrusted.body().contains("PKIX") || untrusted.body().contains("certificate"), untrusted.body());
        assertEquals(1, SECURE.received().size(), "a failed handshake sends no request");
    }

    @Test
    void anAllowedPreflightIsAnsweredByTheGateway() throws Exception {
        String response = RawHttp.send("OPTIONS /api/v1/echo/x HTTP/1.1\r\nHost: a\r\nOrigin: https://app.example\r\n"
                + "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: Content-Type, X-Request-Id\r\n"
                + "Connection: close\r\n\r\n");

        assertEquals(204, RawHttp.status(response), response);
        assertTrue(response.contains("Access-Control-Allow-Origin: https://app.example"), response);
        assertTrue(response.contains("Access-Control-Allow-Methods: DELETE, GET, HEAD, POST, PUT"), response);
        assertTrue(response.contains("Access-Control-Allow-Headers: content-type, x-request-id"), response);
        assertTrue(response.contains("Access-Control-Max-Age: 600"), response);
        assertFalse(response.contains("Access-Control-Allow-Credentials"), response);
        assertTrue(echoed().isEmpty(), "a preflight never reaches the backend");
    }

    @Test
    void anAllowedCrossOriginRequestGetsCorsHeaders() {
        HttpResponse<String> response = Gateway.send(Gateway.request("/api/v1/echo/x").header("Origin", "https://app.example"));

        assertEquals(200, response.statusCode());
        assertEquals("https://app.example", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(response.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("X-Request-Id"));
        assertTrue(response.headers().allValues("Vary").toString().contains("Origin"));
    }

    @Test
    void aCodedRouteMayAllowCredentialedCors() throws Exception {
        String response = RawHttp.send("OPTIONS /api/user/123/orders HTTP/1.1\r\nHost: a\r\n"
                + "Origin: https://admin.example\r\nAccess-Control-Request-Method: GET\r\n"
                + "Access-Control-Request-Headers: authorization\r\nConnection: close\r\n\r\n");

        assertEquals(204, RawHttp.status(response), response);
        assertTrue(response.contains("Access-Control-Allow-Origin: https://admin.example"), response);
        assertTrue(response.contains("Access-Control-Allow-Credentials: true"), response);
        assertEquals(0, ReferenceBackends.system().users.received().size());
    }

    /**
     * Liberty 26.0.0.3 settles conflicting Content-Lengths in its HTTP channel before the servlet
     * layer, so the gateway cannot refuse them with 400; what it can promise is that the backend gets
     * exactly one request, re-framed, never the ambiguous bytes (no request is smuggled through).
     */
    @Test
    void conflictingContentLengthsNeverSmuggleARequestToTheBackend() throws Exception {
        String smuggled = "GET /api/v1/echo/smuggled HTTP/1.1\r\nHost: a\r\n\r\n";
        for (String lengths : List.of("Content-Length: 3\r\nContent-Length: " + (3 + smuggled.length()),
                "Content-Length: 3, " + (3 + smuggled.length()))) {
            String response = RawHttp.send("POST /api/v1/echo/x HTTP/1.1\r\nHost: a\r\n" + lengths
                    + "\r\nConnection: close\r\n\r\nabc" + smuggled);
            assertTrue(RawHttp.status(response) == 400 || RawHttp.status(response) == 200, response);
        }
        assertTrue(echoed().stream().noneMatch(r -> r.target().contains("smuggled")), echoed().toString());
        assertTrue(echoed().stream().allMatch(r -> r.body().length() <= 3), "bodies: " + echoed());
    }

    @Test
    void identityAndUnderscoredHeadersFromTheClientNeverReachTheBackend() throws Exception {
        String response = RawHttp.send("GET /api/v1/echo/x HTTP/1.1\r\nHost: a\r\nX-Portico-Subject: admin\r\n"
                + "X-Client-Type: iot\r\n"
                + "X-Portico-Roles: admin\r\nX_Portico_Subject: admin\r\nX_Forwarded_For: 10.9.9.9\r\n"
                + "Connection: close\r\n\r\n");

        assertEquals(200, RawHttp.status(response), response);
        Received received = echoed().get(0);
        assertEquals("iot", received.header("X-Portico-Client-Type"), "set by the gateway from X-Client-Type");
        for (String name : received.headers().keySet()) {
            assertFalse(name.contains("_") || name.equalsIgnoreCase("X-Portico-Subject")
                    || name.equalsIgnoreCase("X-Portico-Roles"), "forwarded: " + name);
        }
    }
}

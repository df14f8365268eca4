package dev.portico.it;

import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.parse;
import static dev.portico.it.Gateway.request;
import static dev.portico.it.Gateway.send;
import static dev.portico.it.Gateway.token;
import static dev.portico.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.HttpService.Reply;
import dev.portico.demo.Received;
import dev.portico.devtools.DevToken;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC §10 through the deployed gateway: the {@code shaped} route (arquillian.xml) sets and removes headers
 * toward its backend and toward the client, allows, denies and renames JSON fields, shapes them per client
 * type, takes {@code ?fields=}, and is cached; the seed route (packaged configuration) answers each client
 * type its own payload.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class TransformIT {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final String ORDER = """
            {"user":{"id":"7","name":"Ann","email":"ann@example.com","address":{"city":"Oslo"}},
             "orders":[{"id":"o1","status":"SHIPPED","internal":"x","items":[{"productId":"p1","price":3}]},
                       {"id":"o2","status":"NEW","items":[]}],"debug":true}""";
    private static OriginService origin;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @BeforeAll
    static void start() throws Exception {
        origin = new OriginService(19103);
        origin.start();
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    /** A target of its own: {origin path, gateway path}. */
    private static String[] target() {
        String rest = "/t" + SEQ.incrementAndGet();
        origin.on("/shaped/7" + rest, request -> new Reply(200, "application/json", ORDER,
                Map.of("Cache-Control", "max-age=60", "X-Powered-By", "php", "ETag", "\"v1\"")));
        return new String[] {"/shaped/7" + rest, "/api/v1/shaped/7" + rest};
    }

    @Test
    void headersAreSetAndRemovedTowardTheBackendAndTowardTheClient() {
        String[] t = target();
        HttpResponse<String> response = send(request(t[1]).header("Authorization", "Bearer " + token("alice", "user"))
                .header("Cookie", "session=1").header("X-Debug", "1").header("X-Tenant", "evil").header("X-Client-Type", "web")
                .header("Range", "bytes=0-3").header("Accept-Encoding", "gzip"));

        assertEquals(200, response.statusCode(), response.body());
        Received got = origin.last(t[0]);
        assertEquals("acme", got.header("X-Tenant"));
        assertEquals("alice", got.header("X-Caller"));
        assertEquals("7", got.header("X-Item"));
        assertEquals("web", got.header("X-Kind"));
        assertNull(got.header("Cookie"));
        assertNull(got.header("X-Debug"));
        assertNull(got.header("Range"), "a route with body rules asks for whole bodies");
        assertNull(got.header("Accept-Encoding"), "and unencoded ones");
        assertEquals("yes", response.headers().firstValue("X-Shaped").orElse(""));
        assertFalse(response.headers().firstValue("X-Powered-By").isPresent());
    }

    @Test
    void theRoutesRulesApplyInOrderAndEachClientTypeGetsItsProjection() {
        String[] t = target();
        HttpResponse<String> web = get(t[1], "web");
        assertEquals(200, web.statusCode(), web.body());
        assertEquals(parse("""
                {"user":{"id":"7","fullName":"Ann"},
                 "purchases":[{"id":"o1","status":"SHIPPED","items":[{"productId":"p1"}]},{"id":"o2","status":"NEW","items":[]}]}"""),
                parse(web.body()));
        assertEquals(String.valueOf(web.body().getBytes(StandardCharsets.UTF_8).length),
                web.headers().firstValue("Content-Length").orElse(""));
        assertTrue(web.headers().firstValue("ETag").orElse("").startsWith("W/\"pt-"), web.headers().map().toString());
        assertTrue(web.headers().allValues("Vary").toString().contains("X-Client-Type"));

        assertEquals(parse("{\"purchases\":[{\"id\":\"o1\",\"status\":\"SHIPPED\"},{\"id\":\"o2\",\"status\":\"NEW\"}]}"),
                parse(get(t[1], "iot").body()));
        assertEquals(parse("{\"user\":{\"id\":\"7\",\"fullName\":\"Ann\"},"
                + "\"purchases\":[{\"id\":\"o1\",\"status\":\"SHIPPED\"},{\"id\":\"o2\",\"status\":\"NEW\"}]}"),
                parse(get(t[1], "mobile").body()));
        assertEquals(1, origin.count(t[0]), "the full answer is stored once; each request gets its projection");
        HttpResponse<String> ranged = send(request(t[1]).header("Authorization", "Bearer " + token("7", "user"))
                .header("X-Client-Type", "web").header("Range", "bytes=0-9"));
        assertEquals(200, ranged.statusCode(), "a route that changes bodies answers whole ones");
        assertEquals(parse(web.body()), parse(ranged.body()));
    }

    @Test
    void aClientNarrowsTheAnswerWithFieldsWithinWhatTheRouteLetsThrough() throws Exception {
        String[] t = target();
        HttpResponse<String> narrowed = get(t[1] + "?fields=user/fullName,purchases(id)&x=1", "web");
        assertEquals(200, narrowed.statusCode(), narrowed.body());
        assertEquals(parse("{\"user\":{\"fullName\":\"Ann\"},\"purchases\":[{\"id\":\"o1\"},{\"id\":\"o2\"}]}"), parse(narrowed.body()));
        assertEquals(t[0] + "?x=1", origin.last(t[0]).target(), "the mask is the gateway's: the backend never sees it");
        assertEquals(200, get(t[1] + "?myfields=a", "web").statusCode(), "another parameter ending in fields is not a mask");
        assertEquals(parse("{\"purchases\":[{\"id\":\"o1\"},{\"id\":\"o2\"}]}"), parse(get(t[1] + "?fields=purchases/id", "iot").body()));

        int before = origin.count(t[0]);
        JsonObject malformed = assertProblem(get(t[1] + "?fields=user(fullName", "web"), 400);
        assertTrue(malformed.getString("detail").contains("malformed"), malformed.toString());
        JsonObject hidden = assertProblem(get(t[1] + "?fields=user/email", "web"), 400);
        assertTrue(hidden.getString("detail").contains("'user/email'"), hidden.toString());
        assertProblem(get(t[1] + "?fields=user/fullName", "iot"), 400); // iot gets purchases only
        assertProblem(get(t[1] + "?fields=a&fields=b", "web"), 400);
        for (String hostile : new String[] {"a(".repeat(200) + "b" + ")".repeat(200), "user%00", "purchases,".repeat(300) + "x",
                "user/fullName)", "%C3%28"}) {
            assertProblem(get(t[1] + "?fields=" + hostile, "web"), 400);
        }
        for (String broken : new String[] {"%E0%A4%A", "%ZZ", "user%"}) { // no URI class sends these: a raw socket does
            String answer = RawHttp.send("GET " + t[1] + "?fields=" + broken + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + token("7", "user") + "\r\nConnection: close\r\n\r\n");
            assertEquals(400, RawHttp.status(answer), answer);
        }
        assertEquals(before, origin.count(t[0]), "a refused mask reaches no backend");
    }

    @Test
    void aTransformedAnswerHasItsOwnValidatorAndAnswers304ToIt() {
        String[] t = target();
        HttpResponse<String> first = get(t[1], "iot");
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertFalse(tag.equals("\"v1\""), "not the backend's tag: the bytes differ");

        HttpResponse<String> again = send(request(t[1]).header("Authorization", "Bearer " + token("7", "user"))
                .header("X-Client-Type", "iot").header("If-None-Match", tag));
        assertEquals(304, again.statusCode());
        assertEquals(tag, again.headers().firstValue("ETag").orElse(""));
        assertEquals("", again.body());
        HttpResponse<String> other = send(request(t[1]).header("Authorization", "Bearer " + token("7", "user"))
                .header("X-Client-Type", "web").header("If-None-Match", tag));
        assertEquals(200, other.statusCode(), "web's projection is other bytes");
    }

    @Test
    void bodiesThatAreNotJsonPassUnchangedAndBrokenJsonIsABadGateway() {
        origin.on("/shaped-text/plain", request -> new Reply(200, "text/plain", "secret: 1", Map.of("ETag", "\"p\"")));
        HttpResponse<String> plain = send(request("/api/v1/shaped-text/plain"));
        assertEquals("secret: 1", plain.body());
        assertEquals("\"p\"", plain.headers().firstValue("ETag").orElse(""), "untransformed: the backend's validator");

        origin.on("/shaped-text/json", request -> new Reply(200, "application/json", "{\"secret\":1,\"ok\":2}", Map.of()));
        assertEquals(parse("{\"ok\":2}"), parse(send(request("/api/v1/shaped-text/json")).body()));

        origin.on("/shaped-text/broken", request -> new Reply(200, "application/json", "{\"secret\":1,", Map.of()));
        JsonObject broken = assertProblem(send(request("/api/v1/shaped-text/broken")), 502);
        assertFalse(broken.toString().contains("secret"));
        origin.on("/shaped-text/deep", request -> new Reply(200, "application/json", "[".repeat(50_000) + "]".repeat(50_000), Map.of()));
        assertProblem(send(request("/api/v1/shaped-text/deep")), 502);
    }

    @Test
    void theSeedFlowAnswersEachClientTypeItsOwnPayload() throws Exception {
        HttpResponse<String> web = seed("web", "");
        JsonObject full = json(web);
        assertEquals("ada@example.com", full.getJsonObject("user").getString("email"));
        assertTrue(full.getJsonArray("orders").getJsonObject(0).containsKey("items"));

        JsonObject mobile = json(seed("mobile", ""));
        assertEquals(Map.of("id", "123", "name", "Ada Lovelace").keySet(), mobile.getJsonObject("user").keySet());
        JsonObject item = mobile.getJsonArray("orders").getJsonObject(0).getJsonArray("items").getJsonObject(0);
        assertEquals(java.util.Set.of("productName", "quantity"), item.keySet());

        JsonObject iot = json(seed("iot", ""));
        assertEquals(java.util.Set.of("orders"), iot.keySet());
        iot.getJsonArray("orders").forEach(o -> assertEquals(java.util.Set.of("id", "status"), o.asJsonObject().keySet()));

        JsonObject named = json(seed("web", "?fields=user/name"));
        assertEquals(parse("{\"user\":{\"name\":\"Ada Lovelace\"}}"), named);
    }

    /** The seed route with a token whose client_type claim is {@code type}. */
    private static HttpResponse<String> seed(String type, String query) throws Exception {
        String token = DevToken.forSubject("123").groups("user").clientType(type)
                .sign(Path.of(System.getProperty("dev.keys.dir", "target/dev-keys")));
        HttpResponse<String> response = send(request("/api/user/123/orders" + query).header("Authorization", "Bearer " + token));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    private static HttpResponse<String> get(String path, String clientType) {
        HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + token("7", "user"));
        if (clientType != null) {
            request.header("X-Client-Type", clientType);
        }
        return send(request);
    }
}

package dev.portico.it;

import static dev.portico.it.Gateway.get;
import static dev.portico.it.Gateway.json;
import static dev.portico.it.Gateway.request;
import static dev.portico.it.Gateway.send;
import static dev.portico.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.demo.HttpService.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * The shared cache (SPEC §7) through the routes {@code cached} (anonymous, forwards every method to the
 * origin, stale-if-error 60 s) and {@code cached-user} (JWT, cache-ttl 30 s), with a scripted origin that
 * records what reached it: what a cache may answer itself never reaches the origin.
 */
@ExtendWith({ReferenceBackends.class, ArquillianExtension.class})
@RunAsClient
class CacheIT {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static OriginService origin;

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @BeforeAll
    static void startOrigin() throws Exception {
        origin = new OriginService(19103);
        origin.start();
    }

    @AfterAll
    static void stopOrigin() {
        origin.close();
    }

    /** A target of its own per test: {origin path, gateway path}. */
    private static String[] target(String name) {
        String path = "/" + name + "-" + SEQ.incrementAndGet();
        return new String[] {path, "/api/v1/cached" + path};
    }

    private static String status(HttpResponse<String> response) {
        return String.join(", ", response.headers().allValues("Cache-Status"));
    }

    @Test
    void aFreshResponseIsAnsweredFromTheCacheWithItsAge() {
        String[] t = target("fresh");
        origin.on(t[0], "Cache-Control", "max-age=60", "ETag", "\"v1\"");

        HttpResponse<String> first = get(t[1], null);
        HttpResponse<String> second = get(t[1], null);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals("portico; fwd=miss; fwd-status=200; stored", status(first));
        assertEquals(200, second.statusCode());
        assertEquals("{\"call\":1}", second.body(), "the stored body");
        assertTrue(status(second).startsWith("portico; hit; ttl="), status(second));
        assertTrue(Integer.parseInt(second.headers().firstValue("Age").orElseThrow()) <= 1);
        assertEquals("\"v1\"", second.headers().firstValue("ETag").orElseThrow());
        assertEquals("application/json", second.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(second.headers().firstValue("X-Request-Id").isPresent(), "every answer still gets its own id");
        assertEquals(1, origin.count(t[0]));
    }

    @Test
    void whatASharedCacheMustNotStoreReachesTheOriginEveryTime() {
        for (String[] headers : List.of(new String[] {"Cache-Control", "no-store, max-age=60"},
                new String[] {"Cache-Control", "private, max-age=60"},
                new String[] {"Cache-Control", "max-age=60", "Set-Cookie", "session=1"},
                new String[] {"Cache-Control", "max-age=60", "Vary", "*"},
                new String[] {"X-Nothing", "said"})) {
            String[] t = target("never");
            origin.on(t[0], headers);
            HttpResponse<String> first = get(t[1], null);
            HttpResponse<String> second = get(t[1], null);
            assertEquals("{\"call\":2}", second.body(), String.join(" ", headers));
            assertEquals("portico; fwd=miss; fwd-status=200", status(second));
            assertEquals(2, origin.count(t[0]));
            assertEquals(first.headers().allValues("Set-Cookie"), second.headers().allValues("Set-Cookie"));
        }
    }

    @Test
    void requestDirectivesBypassOrRefuseTheCache() {
        String[] t = target("directives");
        origin.on(t[0], "Cache-Control", "max-age=60");
        get(t[1], null);

        HttpResponse<String> noCache = send(request(t[1]).header("Cache-Control", "no-cache"));
        assertEquals("portico; fwd=stale; fwd-status=200; stored", status(noCache), "no-cache: asked the origin");
        HttpResponse<String> noStore = send(request(t[1]).header("Cache-Control", "no-store"));
        assertEquals("portico; fwd=bypass", status(noStore));
        assertEquals(3, origin.count(t[0]));

        HttpResponse<String> onlyCached = send(request("/api/v1/cached/nothing-" + SEQ.incrementAndGet())
                .header("Cache-Control", "only-if-cached"));
        assertProblem(onlyCached, 504);
        assertEquals(3, origin.count(t[0]));
    }

    @Test
    void varySelectsAmongStoredVariants() {
        String[] t = target("vary");
        origin.on(t[0], "Cache-Control", "max-age=60", "Vary", "Accept-Language");

        HttpResponse<String> en = send(request(t[1]).header("Accept-Language", "en"));
        HttpResponse<String> fr = send(request(t[1]).header("Accept-Language", "fr"));
        HttpResponse<String> enAgain = send(request(t[1]).header("Accept-Language", "en"));
        HttpResponse<String> frAgain = send(request(t[1]).header("Accept-Language", "fr"));

        assertEquals("{\"call\":1}", en.body());
        assertEquals("{\"call\":2}", fr.body());
        assertEquals("{\"call\":1}", enAgain.body());
        assertEquals("{\"call\":2}", frAgain.body());
        assertEquals(2, origin.count(t[0]));
    }

    @Test
    void aClientsValidatorsAreAnsweredWith304FromAFreshEntry() {
        String[] t = target("conditional");
        origin.on(t[0], "Cache-Control", "max-age=60", "ETag", "\"abc\"", "Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT");
        get(t[1], null);

        HttpResponse<String> etag = send(request(t[1]).header("If-None-Match", "W/\"abc\""));
        HttpResponse<String> since = send(request(t[1]).header("If-Modified-Since", "Wed, 02 Dec 2026 10:00:00 GMT"));
        HttpResponse<String> changed = send(request(t[1]).header("If-None-Match", "\"other\""));

        assertEquals(304, etag.statusCode());
        assertEquals("", etag.body());
        assertEquals("\"abc\"", etag.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, since.statusCode());
        assertEquals(200, changed.statusCode());
        assertEquals(1, origin.count(t[0]), "none of them reached the origin");
    }

    @Test
    void aStaleEntryIsRevalidatedAndRefreshedByA304() {
        String[] t = target("revalidate");
        origin.on(t[0], request -> "\"r1\"".equals(request.header("If-None-Match"))
                ? new Reply(304, "application/json", "", Map.of("ETag", "\"r1\"", "Cache-Control", "max-age=60"))
                : OriginService.ok(origin.count(t[0]), "Cache-Control", "max-age=0", "ETag", "\"r1\""));

        HttpResponse<String> first = get(t[1], null);
        HttpResponse<String> second = get(t[1], null);
        HttpResponse<String> third = get(t[1], null);

        assertEquals("{\"call\":1}", first.body());
        assertEquals("{\"call\":1}", second.body(), "the stored body, refreshed");
        assertEquals("portico; fwd=stale; fwd-status=304", status(second));
        assertEquals("\"r1\"", origin.last(t[0]).header("If-None-Match"), "the cache's own conditional request");
        assertTrue(status(third).startsWith("portico; hit"), "fresh again after the 304's max-age=60");
        assertEquals(2, origin.count(t[0]));
    }

    @Test
    void aStaleEntryStandsInForAFailingOrigin() {
        String[] t = target("stale-if-error");
        AtomicInteger mode = new AtomicInteger();
        origin.on(t[0], request -> mode.get() == 0 ? OriginService.ok(1, "Cache-Control", "max-age=0")
                : Reply.json(503, "{\"down\":true}"));
        get(t[1], null);
        mode.set(1);

        HttpResponse<String> stale = get(t[1], null);

        assertEquals(200, stale.statusCode());
        assertEquals("{\"call\":1}", stale.body());
        assertEquals("portico; hit; detail=stale", status(stale));
        assertEquals(2, origin.count(t[0]), "the origin was asked, and failed");
    }

    @Test
    void anUnsafeRequestInvalidatesItsTarget() {
        String[] t = target("invalidate");
        origin.on(t[0], "Cache-Control", "max-age=60");
        get(t[1], null);
        assertTrue(status(get(t[1], null)).contains("hit"));

        HttpResponse<String> post = send(request(t[1]).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json"));
        HttpResponse<String> after = get(t[1], null);

        assertEquals(200, post.statusCode());
        assertEquals("portico; fwd=bypass", status(post));
        assertEquals("portico; fwd=miss; fwd-status=200; stored", status(after));
        assertEquals(3, origin.count(t[0]));
    }

    @Test
    void aHeadIsAnsweredFromAStoredGet() {
        String[] t = target("head");
        origin.on(t[0], "Cache-Control", "max-age=60");
        get(t[1], null);

        HttpResponse<String> head = send(request(t[1]).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("10", head.headers().firstValue("Content-Length").orElseThrow());
        assertTrue(status(head).startsWith("portico; hit"));
        assertEquals(1, origin.count(t[0]));
    }

    @Test
    void concurrentMissesMakeOneOriginCall() throws Exception {
        String[] t = target("collapse");
        origin.on(t[0], "Cache-Control", "max-age=60");
        origin.faults().delay(java.time.Duration.ofMillis(400));
        try {
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                all.add(CompletableFuture.supplyAsync(() -> get(t[1], null)));
            }
            for (CompletableFuture<HttpResponse<String>> f : all) {
                assertEquals("{\"call\":1}", f.get().body());
            }
        } finally {
            origin.faults().reset();
        }
        assertEquals(1, origin.count(t[0]));
    }

    @Test
    void anAuthenticatedResponseIsEachSubjectsOwnUnlessPublic() {
        String mine = "/mine-" + SEQ.incrementAndGet();
        String shared = "/shared-" + SEQ.incrementAndGet();
        origin.on("/user" + mine);
        origin.on("/user" + shared, "Cache-Control", "public");
        String alice = Gateway.token("alice", "user");
        String bob = Gateway.token("bob", "user");

        assertEquals("{\"call\":1}", get("/api/v1/cached-user" + mine, alice).body());
        assertEquals("{\"call\":2}", get("/api/v1/cached-user" + mine, bob).body());
        assertEquals("{\"call\":1}", get("/api/v1/cached-user" + mine, alice).body());
        assertEquals("{\"call\":1}", get("/api/v1/cached-user" + shared, alice).body());
        assertEquals("{\"call\":1}", get("/api/v1/cached-user" + shared, bob).body());
        assertEquals(1, origin.count("/user" + shared));
        assertProblem(get("/api/v1/cached-user" + mine, null), 401);
    }

    @Test
    void anAggregateMissingAPartIsNeverStored() {
        String path = "/api/v1/combo/c" + SEQ.incrementAndGet() + "?q=x";
        HttpResponse<String> first = get(path, null);
        HttpResponse<String> second = get(path, null);
        assertEquals("false", first.headers().firstValue("Portico-Complete").orElseThrow(), first.body());
        assertEquals("portico; fwd=miss; fwd-status=200", status(first));
        assertEquals("portico; fwd=miss; fwd-status=200", status(second));
        assertEquals(2, ReferenceBackends.echoed().size(), "the echo part was asked both times");
    }

    @Test
    void aBodyOverTheLimitIsRelayedWholeAndNotStored() {
        String[] t = target("large");
        String big = "x".repeat(100_000);
        origin.on(t[0], request -> new Reply(200, "text/plain", big, Map.of("Cache-Control", "max-age=60")));

        HttpResponse<String> first = get(t[1], null);
        HttpResponse<String> second = get(t[1], null);

        assertEquals(big, first.body());
        assertEquals(big, second.body());
        assertEquals(2, origin.count(t[0]));
    }

    @Test
    void theCacheKeepsAtMostMaxSizeBytesTheOldestWritesGoFirst() {
        // portico.cache.max-size=256KiB in the tests: five 60 KB responses do not fit, the first one goes.
        String body = "y".repeat(60_000);
        String[][] t = new String[5][];
        for (int i = 0; i < t.length; i++) {
            t[i] = target("sized");
            origin.on(t[i][0], request -> new Reply(200, "text/plain", body, Map.of("Cache-Control", "max-age=60")));
            assertEquals("portico; fwd=miss; fwd-status=200; stored", status(get(t[i][1], null)));
        }
        assertEquals("portico; fwd=miss; fwd-status=200; stored", status(get(t[0][1], null)), "the oldest write was evicted");
        assertTrue(status(get(t[4][1], null)).contains("hit"), "the newest is kept");
        assertEquals(2, origin.count(t[0][0]));
        assertEquals(1, origin.count(t[4][0]));
    }

    @Test
    void anAdminPurgesOneTargetOrEverything() {
        String[] t = target("purge");
        origin.on(t[0], "Cache-Control", "max-age=60");
        get(t[1], null);
        String admin = Gateway.token("root", "admin");

        assertProblem(send(request("/admin/cache").DELETE().header("Authorization", "Bearer " + Gateway.token("u", "user"))),
                403);
        HttpResponse<String> purged = send(request("/admin/cache?path=" + t[1]).DELETE()
                .header("Authorization", "Bearer " + admin));
        assertEquals(200, purged.statusCode(), purged.body());
        assertEquals(1, json(purged).getInt("purged"));
        assertEquals("portico; fwd=miss; fwd-status=200; stored", status(get(t[1], null)));

        HttpResponse<String> all = send(request("/admin/cache?route=cached").DELETE().header("Authorization", "Bearer " + admin));
        assertTrue(json(all).getInt("purged") >= 1, all.body());
        assertEquals("portico; fwd=miss; fwd-status=200; stored", status(get(t[1], null)));
        assertProblem(send(request("/admin/cache?route=nope").DELETE().header("Authorization", "Bearer " + admin)), 404);
    }

    @Test
    void cacheResultsAreCountedPerRoute() {
        String[] t = target("metrics");
        origin.on(t[0], "Cache-Control", "max-age=60");
        get(t[1], null);
        get(t[1], null);

        String metrics = send(request("/metrics?scope=application")).body();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("portico_cache_requests_total")
                && l.contains("route=\"cached\"") && l.contains("result=\"hit\"")), metrics);
        assertTrue(metrics.contains("portico_cache_entries"), "entries gauge");
        assertNull(get(t[1], null).headers().firstValue("Set-Cookie").orElse(null));
        assertFalse(metrics.isEmpty());
    }
}

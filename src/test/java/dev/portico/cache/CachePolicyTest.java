package dev.portico.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RFC 9111's rules as the gateway applies them: directives, freshness, age, what is stored, Vary, validators. */
class CachePolicyTest {
    private static final long T0 = 1_800_000_000_000L; // epoch ms, a whole second
    private static final CacheRules RULES = new CacheRules(null, Duration.ofHours(1), Duration.ZERO, Duration.ZERO);
    private static final CacheRules TTL_30 = new CacheRules(Duration.ofSeconds(30), Duration.ofHours(1), Duration.ZERO,
            Duration.ZERO);

    /** A 200 received at T0, Date T0, with these headers (name, value, name, value …). */
    private static Stored stored(String... headers) {
        return stored(200, headers);
    }

    private static Stored stored(int status, String... headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("Date", List.of(HttpDate.format(T0 / 1000)));
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return new Stored(status, map, "{}".getBytes(), T0, T0, Map.of(), null);
    }

    private static Directives cc(String line) {
        return Directives.parse(List.of(line));
    }

    private static long at(long seconds) {
        return T0 + seconds * 1000;
    }

    @Test
    void directivesAreCaseInsensitiveQuotedOrNotFirstWinsAndBadNumbersAreStale() {
        Directives d = Directives.parse(List.of("Max-Age=60, no-cache=\"Set-Cookie, X\"", "max-age=5, s-maxage=\"30\""));
        assertEquals(60L, d.seconds("max-age"));
        assertEquals(30L, d.seconds("s-maxage"));
        assertTrue(d.has("no-cache"));
        assertEquals(-1L, cc("max-age=abc").seconds("max-age"));
        assertEquals(-1L, cc("max-stale").seconds("max-stale"), "no argument");
        assertEquals(Directives.MAX_DELTA, cc("max-age=99999999999999").seconds("max-age"));
        assertNull(cc("public").seconds("max-age"));
        assertTrue(Directives.parse(null).isEmpty());
        assertTrue(cc(" , ,").isEmpty());
    }

    @Test
    void httpDatesInAllThreeFormsAndGarbageIsNull() {
        long t = 784111777L; // Sun, 06 Nov 1994 08:49:37 GMT
        assertEquals(t, HttpDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
        assertEquals(t, HttpDate.parse("Sun Nov  6 08:49:37 1994"));
        assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.format(t));
        assertEquals(t, HttpDate.parse("sun, 06 nov 1994 08:49:37 gmt"), "any case");
        assertEquals(t, HttpDate.parse("Sunday, 06-Nov-94 08:49:37 GMT"), "RFC 850");
        assertEquals(t, HttpDate.parse("Mon, 06 Nov 1994 08:49:37 GMT"), "a wrong weekday changes nothing");
        assertNull(HttpDate.parse("Sun, 06 Nov 1994  08:49:37 GMT"), "two spaces");
        assertNull(HttpDate.parse("Sun 06 Nov 1994 08:49:37 GMT"), "no comma");
        assertNull(HttpDate.parse("0"));
        assertNull(HttpDate.parse("yesterday"));
        assertNull(HttpDate.parse(null));
    }

    @Test
    void lifetimeComesFromSMaxageThenMaxAgeThenExpiresThenTheRouteThenLastModified() {
        assertEquals(30, Freshness.lifetime(stored("Cache-Control", "max-age=10, s-maxage=30"), RULES));
        assertEquals(10, Freshness.lifetime(stored("Cache-Control", "max-age=10", "Expires", HttpDate.format(T0 / 1000 + 99)),
                RULES));
        assertEquals(99, Freshness.lifetime(stored("Expires", HttpDate.format(T0 / 1000 + 99)), RULES));
        assertEquals(0, Freshness.lifetime(stored("Expires", "0"), RULES), "an invalid Expires is in the past");
        assertEquals(30, Freshness.lifetime(stored(), TTL_30), "the route's ttl for a response that says nothing");
        assertEquals(0, Freshness.lifetime(stored(500), TTL_30), "but not for a status that is not heuristically cacheable");
        assertEquals(100, Freshness.lifetime(stored("Last-Modified", HttpDate.format(T0 / 1000 - 1000)), RULES),
                "a tenth of the time since it was last modified");
        assertEquals(3600, Freshness.lifetime(stored("Cache-Control", "max-age=86400"), RULES), "capped by max-ttl");
        assertEquals(0, Freshness.lifetime(stored("Cache-Control", "max-age=-5"), RULES));
    }

    @Test
    void ageCountsTheAgeHeaderTheDelayAndTheTimeResident() {
        Stored s = new Stored(200, Map.of("Date", List.of(HttpDate.format(T0 / 1000 - 5)), "Age", List.of("10")),
                new byte[0], T0 - 2000, T0, Map.of(), null);
        // apparent 5 s, corrected age value 10 + 2 s of delay: 12, then 30 s resident
        assertEquals(42, Freshness.age(s, at(30)));
        assertEquals(0, Freshness.age(stored(), T0));
        assertEquals(7, Freshness.age(stored("Age", "junk"), at(7)), "a bad Age counts as 0");
        assertEquals(7200, Freshness.age(stored("Age", "7200, 0"), T0), "a list counts by its first value");
    }

    @Test
    void requestDirectivesDecideWhatAStoredResponseMayDo() {
        Stored s = stored("Cache-Control", "max-age=60");
        assertEquals(Freshness.Use.FRESH, Freshness.use(s, Directives.NONE, RULES, at(59)));
        assertEquals(Freshness.Use.REVALIDATE, Freshness.use(s, Directives.NONE, RULES, at(60)));
        assertEquals(Freshness.Use.REVALIDATE, Freshness.use(s, cc("no-cache"), RULES, at(1)));
        assertEquals(Freshness.Use.REVALIDATE, Freshness.use(s, cc("max-age=10"), RULES, at(11)));
        assertEquals(Freshness.Use.FRESH, Freshness.use(s, cc("max-age=10"), RULES, at(10)));
        assertEquals(Freshness.Use.REVALIDATE, Freshness.use(s, cc("min-fresh=20"), RULES, at(41)));
        assertEquals(Freshness.Use.STALE_ACCEPTED, Freshness.use(s, cc("max-stale=10"), RULES, at(70)));
        assertEquals(Freshness.Use.REVALIDATE, Freshness.use(s, cc("max-stale=10"), RULES, at(71)));
        assertEquals(Freshness.Use.STALE_ACCEPTED, Freshness.use(s, cc("max-stale"), RULES, at(9999)));
    }

    @Test
    void responseDirectivesForbidStalenessOrDemandRevalidation() {
        assertEquals(Freshness.Use.REVALIDATE, Freshness.use(stored("Cache-Control", "max-age=60, no-cache"),
                Directives.NONE, RULES, at(1)));
        for (String strict : List.of("must-revalidate", "proxy-revalidate", "s-maxage=60")) {
            assertEquals(Freshness.Use.REVALIDATE, Freshness.use(stored("Cache-Control", "max-age=60, " + strict),
                    cc("max-stale"), RULES, at(61)), strict);
        }
        Stored swr = stored("Cache-Control", "max-age=60, stale-while-revalidate=30");
        assertEquals(Freshness.Use.STALE_WHILE_REVALIDATE, Freshness.use(swr, Directives.NONE, RULES, at(89)));
        assertEquals(Freshness.Use.REVALIDATE, Freshness.use(swr, Directives.NONE, RULES, at(90)));
        CacheRules routeSwr = new CacheRules(null, Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(5));
        assertEquals(Freshness.Use.STALE_WHILE_REVALIDATE,
                Freshness.use(stored("Cache-Control", "max-age=60"), Directives.NONE, routeSwr, at(62)));
    }

    @Test
    void staleIfErrorFromTheResponseTheRequestOrTheRoute() {
        CacheRules route = new CacheRules(null, Duration.ofHours(1), Duration.ofSeconds(100), Duration.ZERO);
        Stored s = stored("Cache-Control", "max-age=60");
        assertTrue(Freshness.servableOnError(s, Directives.NONE, route, at(150)));
        assertFalse(Freshness.servableOnError(s, Directives.NONE, route, at(160)));
        assertFalse(Freshness.servableOnError(s, Directives.NONE, RULES, at(61)));
        assertTrue(Freshness.servableOnError(s, cc("stale-if-error=10"), RULES, at(65)));
        assertTrue(Freshness.servableOnError(stored("Cache-Control", "max-age=60, stale-if-error=5"), Directives.NONE,
                route, at(64)));
        assertFalse(Freshness.servableOnError(stored("Cache-Control", "max-age=60, stale-if-error=5"), Directives.NONE,
                route, at(66)), "the response's own window wins over the route's");
        assertFalse(Freshness.servableOnError(stored("Cache-Control", "max-age=60, must-revalidate"), Directives.NONE,
                route, at(61)));
    }

    @Test
    void whatASharedCacheMayStore() {
        Map<String, List<String>> plain = Map.of("Cache-Control", List.of("max-age=60"));
        assertNull(Storing.refusal(Directives.NONE, 200, plain, true, false, RULES));
        assertEquals("no-store", Storing.refusal(cc("no-store"), 200, plain, true, false, RULES));
        assertEquals("no-store", Storing.refusal(Directives.NONE, 200, Map.of("cache-control", List.of("no-store")), true, false, RULES));
        assertEquals("private", Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of("private, max-age=9")),
                true, false, RULES));
        assertEquals("Set-Cookie", Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of("max-age=60"),
                "Set-Cookie", List.of("a=b")), true, false, RULES));
        assertEquals("partial aggregate", Storing.refusal(Directives.NONE, 200, plain, false, false, RULES));
        assertEquals("status 206", Storing.refusal(Directives.NONE, 206, plain, true, false, RULES));
        assertEquals("Vary: *", Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of("max-age=60"),
                "Vary", List.of("Accept, *")), true, false, RULES));
        assertEquals("no freshness", Storing.refusal(Directives.NONE, 200, Map.of(), true, false, RULES));
        assertNull(Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of("max-age=60, must-understand, no-store")),
                true, false, RULES), "must-understand overrides no-store for a status this cache understands");
        assertEquals("no-store", Storing.refusal(Directives.NONE, 299, Map.of("Cache-Control",
                List.of("max-age=60, must-understand, no-store")), true, false, RULES));
        assertNull(Storing.refusal(Directives.NONE, 200, Map.of(), true, false, TTL_30), "the route's ttl makes it storable");
        assertEquals("no freshness", Storing.refusal(Directives.NONE, 500, Map.of(), true, false, TTL_30));
        assertNull(Storing.refusal(Directives.NONE, 500, plain, true, false, RULES), "explicit freshness: any final status");
        assertNull(Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of("no-cache"),
                "ETag", List.of("\"1\"")), true, false, RULES), "no-cache: stored, revalidated on every use");
    }

    @Test
    void anUnverifiedAuthorizationPreventsStoringUnlessTheResponseAllowsIt() {
        assertEquals("Authorization", Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of("max-age=60")),
                true, true, RULES));
        for (String allows : List.of("public, max-age=60", "s-maxage=60", "max-age=60, must-revalidate")) {
            assertNull(Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of(allows)), true, true, RULES));
        }
    }

    @Test
    void aCdnCacheControlFieldReplacesCacheControl() {
        Stored s = stored("Cache-Control", "no-store", "CDN-Cache-Control", "max-age=60");
        assertEquals(60, Freshness.lifetime(s, RULES));
        assertEquals("private", Storing.refusal(Directives.NONE, 200, Map.of("Cache-Control", List.of("max-age=60"),
                "CDN-Cache-Control", List.of("private")), true, false, RULES));
    }

    @Test
    void anInvalidCdnCacheControlIsIgnoredAsAWhole() {
        assertEquals(0, Freshness.lifetime(stored("Cache-Control", "max-age=0", "CDN-Cache-Control", "max-age=60, &&&"), RULES));
        assertEquals(0, Freshness.lifetime(stored("Cache-Control", "max-age=0", "CDN-Cache-Control", "max-age=\"60\""), RULES));
        assertEquals(60, Freshness.lifetime(stored("Cache-Control", "max-age=0", "CDN-Cache-Control",
                "max-age=60, foo=bar;a=1, x=\"y\", z=?1"), RULES));
    }

    @Test
    void aRangeIsOneSliceOfTheStoredBodyWhenIfRangeAllows() {
        Stored s = stored("ETag", "\"e\"", "Last-Modified", HttpDate.format(T0 / 1000 - 60));
        assertEquals(new Ranges.Slice(0, 1), Ranges.of("bytes=0-1", null, s, 11));
        assertEquals(new Ranges.Slice(5, 10), Ranges.of("bytes=5-", null, s, 11));
        assertEquals(new Ranges.Slice(8, 10), Ranges.of("bytes=-3", null, s, 11));
        assertEquals(new Ranges.Slice(9, 10), Ranges.of("bytes=9-99", null, s, 11));
        assertEquals(Ranges.UNSATISFIABLE, Ranges.of("bytes=11-", null, s, 11));
        assertNull(Ranges.of("bytes=0-1,3-4", null, s, 11), "several ranges: the whole body");
        assertNull(Ranges.of("items=0-1", null, s, 11));
        assertNull(Ranges.of("bytes=5-2", null, s, 11));
        assertNull(Ranges.of("bytes=x-1", null, s, 11));
        assertEquals(new Ranges.Slice(0, 1), Ranges.of("bytes=0-1", "\"e\"", s, 11));
        assertNull(Ranges.of("bytes=0-1", "\"old\"", s, 11), "changed since: the whole body");
        assertEquals(new Ranges.Slice(0, 1), Ranges.of("bytes=0-1", HttpDate.format(T0 / 1000 - 60), s, 11));
        assertNull(Ranges.of("bytes=0-1", HttpDate.format(T0 / 1000), s, 11));
    }

    @Test
    void authenticatedResponsesBelongToTheirSubjectUnlessPublicOrSMaxage() {
        assertEquals("alice", Storing.owner("alice", cc("max-age=60")));
        assertNull(Storing.owner("alice", cc("public, max-age=60")));
        assertNull(Storing.owner("alice", cc("s-maxage=60")));
        assertNull(Storing.owner(null, cc("max-age=60")));
    }

    @Test
    void varyMatchesNormalisedRequestHeadersAndTheOwner() {
        Stored s = stored("Vary", "Accept-Language, accept");
        assertEquals(List.of("accept-language", "accept"), Variants.names(s));
        Map<String, List<String>> request = Map.of("accept-language", List.of("en ,  fr"));
        Map<String, String> selecting = Variants.selecting(Variants.names(s), request::get);
        assertEquals("en,fr", selecting.get("accept-language"));
        assertNull(selecting.get("accept"));
        Stored variant = new Stored(200, s.headers(), new byte[0], T0, T0, selecting, "alice");
        assertTrue(Variants.matches(variant, "alice", Map.of("accept-language", List.of("en,fr"))::get));
        assertFalse(Variants.matches(variant, "alice", Map.of("accept-language", List.of("fr"))::get));
        assertFalse(Variants.matches(variant, "alice", Map.of("accept-language", List.of("en,fr"),
                "accept", List.of("text/html"))::get), "a header absent when stored must be absent now");
        assertFalse(Variants.matches(variant, "bob", Map.of("accept-language", List.of("en,fr"))::get));
        assertFalse(Variants.matches(variant, null, Map.of("accept-language", List.of("en,fr"))::get));
    }

    @Test
    void conditionalRequestsAgainstAStoredResponse() {
        Stored s = stored("ETag", "\"v1\"", "Last-Modified", HttpDate.format(T0 / 1000 - 60));
        assertTrue(Validators.notModified(s, "\"v1\"", null));
        assertTrue(Validators.notModified(s, "\"x\", W/\"v1\"", null), "weak comparison");
        assertTrue(Validators.notModified(s, "*", null));
        assertFalse(Validators.notModified(s, "\"v2\"", HttpDate.format(T0 / 1000)), "If-None-Match decides when present");
        assertTrue(Validators.notModified(s, null, HttpDate.format(T0 / 1000)));
        assertFalse(Validators.notModified(s, null, HttpDate.format(T0 / 1000 - 61)));
        assertFalse(Validators.notModified(s, null, "garbage"));
        assertTrue(Validators.notModified(stored(), null, HttpDate.format(T0 / 1000)), "its Date without a Last-Modified");
        assertTrue(Validators.revalidatable(s));
        assertFalse(Validators.revalidatable(stored()));
    }

    @Test
    void aRefreshKeepsTheBodyAndTakesTheNewHeadersButNotTheFraming() {
        Stored s = stored("ETag", "\"v1\"", "Cache-Control", "max-age=1", "Content-Type", "application/json");
        Stored r = s.refreshed(Map.of("cache-control", List.of("max-age=99"), "Content-Type", List.of("text/plain")),
                at(5), at(6));
        assertEquals("max-age=99", r.header("Cache-Control"));
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals(at(6), r.responseTime());
        assertArrayEquals(s.body(), r.body());
    }

    @Test
    void variantsSurviveTheirEncoding() {
        Stored a = new Stored(200, Map.of("Content-Type", List.of("application/json"), "Set", List.of("1", "2")),
                "é".repeat(40_000).getBytes(java.nio.charset.StandardCharsets.UTF_8), T0 - 5, T0,
                Map.of("accept", "x"), "alice");
        Map<String, String> absent = new java.util.HashMap<>();
        absent.put("accept", null);
        Stored b = new Stored(404, Map.of(), new byte[0], T0, T0, absent, null);
        List<Stored> back = Stored.decode(Stored.encode(List.of(a, b)));
        assertEquals(2, back.size());
        assertEquals(a.headers(), back.get(0).headers());
        assertArrayEquals(a.body(), back.get(0).body());
        assertEquals("alice", back.get(0).subject());
        assertEquals(a.vary(), back.get(0).vary());
        assertNull(back.get(1).vary().get("accept"));
        assertEquals(404, back.get(1).status());
        assertTrue(Stored.decode(new byte[] {9, 9}).isEmpty(), "another format reads as nothing stored");
    }

    @Test
    void keptWhileItCanServeOrBeRevalidated() {
        assertEquals(60, Freshness.keep(stored("Cache-Control", "max-age=60"), RULES));
        assertEquals(60 + 3600, Freshness.keep(stored("Cache-Control", "max-age=60", "ETag", "\"1\""), RULES));
        assertEquals(90, Freshness.keep(stored("Cache-Control", "max-age=60, stale-if-error=30"), RULES));
        assertEquals(1, Freshness.keep(stored("Cache-Control", "max-age=0"), RULES));
    }

    @Test
    void aBudgetEvictsTheOldestWritesPastItsBytesOrEntries() {
        ByteBudget budget = new ByteBudget(100, 3);
        assertEquals(List.of(), budget.add("a", 40, 1_000, 0));
        assertEquals(List.of(), budget.add("b", 40, 1_000, 0));
        assertEquals(List.of("a"), budget.add("c", 40, 1_000, 0), "120 bytes: the oldest goes");
        assertEquals(80, budget.bytes());
        assertEquals(List.of(), budget.add("b", 10, 1_000, 0), "a rewrite replaces its size");
        assertEquals(List.of(), budget.add("d", 10, 1_000, 0));
        assertEquals(List.of("c"), budget.add("e", 1, 1_000, 0), "four entries: the oldest write (c; b was rewritten) goes");
        assertEquals(List.of("b", "d", "e"), budget.add("f", 100, 1_000, 0), "one entry may fill it");
        assertEquals(1, budget.entries());

        ByteBudget expiring = new ByteBudget(100, 10);
        expiring.add("old", 60, 500, 0);
        assertEquals(List.of(), expiring.add("new", 60, 2_000, 1_000), "an expired entry leaves unnamed: it is gone");
        assertEquals(60, expiring.bytes());
        expiring.forget("new");
        expiring.forget("never");
        assertEquals(0, expiring.bytes());
    }
}

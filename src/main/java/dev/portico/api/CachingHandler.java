package dev.portico.api;

import dev.portico.cache.CacheLimits;
import dev.portico.cache.CacheRules;
import dev.portico.cache.Directives;
import dev.portico.cache.Freshness;
import dev.portico.cache.Ranges;
import dev.portico.cache.Storing;
import dev.portico.cache.Stored;
import dev.portico.cache.Validators;
import dev.portico.cache.Variants;
import dev.portico.cluster.ResponseStore;
import dev.portico.filter.Exchange;
import dev.portico.filter.RouteHandler;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Body;
import dev.portico.reply.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A cached route (SPEC §7): a GET is answered from a stored response while RFC 9111 lets it, else its
 * handler is asked (conditionally, to refresh a stale response that has a validator) and what may be
 * stored is; concurrent misses for one target make one backend call. Every answer says what happened in
 * {@code Cache-Status} (RFC 9211). Around any route kind's handler: it sees only the handler's reply.
 * The RFC rules themselves are in {@code dev.portico.cache}; this class is their wiring.
 */
final class CachingHandler implements RouteHandler {
    static final String STATUS = "Cache-Status";
    private static final String NAME = "portico";
    private static final int VARIANTS = 16;
    private static final Set<String> NOT_MODIFIED_HEADERS = Set.of("cache-control", "content-location", "date", "etag",
            "expires", "vary", "last-modified");

    private final RouteHandler inner;
    private final CacheRules rules;
    private final CacheLimits limits;
    private final ResponseStore store;
    private final CacheCounters counters;
    private final Map<String, CountDownLatch> inFlight = new ConcurrentHashMap<>();
    /** Whether a range is served from a stored body: not on a route that changes bodies (SPEC §10), whose clients get whole ones. */
    private final boolean ranges;

    CachingHandler(RouteHandler inner, CacheRules rules, CacheLimits limits, ResponseStore store, CacheCounters counters,
            boolean ranges) {
        this.inner = inner;
        this.rules = rules;
        this.limits = limits;
        this.store = store;
        this.counters = counters;
        this.ranges = ranges;
    }

    @Override
    public Reply handle(Exchange exchange) {
        String method = exchange.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Reply reply = Invalidation.after(exchange, inner.handle(exchange), store);
            return counted(exchange, reply, "bypass", "fwd=bypass");
        }
        String control = exchange.header("Cache-Control"); // read from the request as is: no header map per hit
        Directives request = control == null ? Directives.NONE
                : Directives.parse(java.util.Collections.list(exchange.request().getHeaders("Cache-Control")));
        if (request.has("no-store")) {
            return counted(exchange, inner.handle(exchange), "bypass", "fwd=bypass");
        }
        // A range is answered from a usable stored response; otherwise it goes to the backend as asked.
        boolean ranged = ranges && exchange.header("Range") != null;
        String key = key(exchange);
        String subject = exchange.caller().authenticated() ? exchange.caller().subject() : null;
        Stored stored = select(store.get(key), subject, exchange);
        long now = System.currentTimeMillis();
        if (stored != null) {
            switch (Freshness.use(stored, request, rules, now)) {
                case FRESH:
                    return counted(exchange, serve(exchange, stored, now), "hit",
                            "hit; ttl=" + Freshness.ttl(stored, rules, now));
                case STALE_ACCEPTED:
                    return counted(exchange, serve(exchange, stored, now), "hit", "hit; detail=stale");
                case STALE_WHILE_REVALIDATE:
                    exchange.after(() -> refresh(exchange, key, stored, request));
                    return counted(exchange, serve(exchange, stored, now), "stale", "hit; detail=stale-while-revalidate");
                default:
                    if (!request.has("only-if-cached") && !ranged) {
                        return revalidate(exchange, key, stored, request);
                    }
            }
        }
        if (request.has("only-if-cached")) {
            return counted(exchange, Reply.problem(504, "Gateway Timeout",
                    "Nothing usable is stored for this request, and it asked for a stored answer only (only-if-cached)."),
                    "miss", "fwd=miss; detail=only-if-cached");
        }
        if (ranged) {
            return counted(exchange, inner.handle(exchange), "bypass", "fwd=bypass");
        }
        return miss(exchange, key, subject, request);
    }

    /** Nothing usable stored: one request per target on this node asks the backend, the others wait for its answer. */
    private Reply miss(Exchange exchange, String key, String subject, Directives request) {
        CountDownLatch mine = new CountDownLatch(1);
        CountDownLatch ahead = exchange.method().equals("GET") ? inFlight.putIfAbsent(key, mine) : null;
        if (ahead != null) {
            Reply collapsed = await(exchange, ahead, key, subject, request);
            if (collapsed != null) {
                return collapsed;
            }
        }
        try {
            return fetch(exchange, key, request, null);
        } finally {
            if (ahead == null) {
                inFlight.remove(key, mine);
                mine.countDown();
            }
        }
    }

    /** The answer another request for the target fetched, if it was stored before the deadline; else null. */
    private Reply await(Exchange exchange, CountDownLatch ahead, String key, String subject, Directives request) {
        long left = exchange.startedNanos() + exchange.route().policy().timeout().toNanos() - System.nanoTime();
        try {
            if (!ahead.await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Stored stored = select(store.get(key), subject, exchange);
        long now = System.currentTimeMillis();
        if (stored == null || Freshness.use(stored, request, rules, now) != Freshness.Use.FRESH) {
            return null;
        }
        return counted(exchange, serve(exchange, stored, now), "hit", "hit; ttl=" + Freshness.ttl(stored, rules, now)
                + "; detail=collapsed");
    }

    /** Stale: a conditional request refreshes it on 304; a failure may be covered by it (stale-if-error). */
    private Reply revalidate(Exchange exchange, String key, Stored stored, Directives request) {
        if (!Validators.revalidatable(stored) || !exchange.method().equals("GET")) {
            return fetch(exchange, key, request, stored);
        }
        Map<String, List<String>> headers = exchange.headers();
        String clientEtags = first(headers, "If-None-Match");
        String clientSince = first(headers, "If-Modified-Since");
        withValidators(headers, stored);
        long requested = System.currentTimeMillis();
        Reply reply = handleSafely(exchange);
        if (reply.status() == 304 && reply.problem() == null) {
            Stored refreshed = refreshed(key, stored, reply, requested);
            restore(headers, clientEtags, clientSince);
            long now = System.currentTimeMillis();
            return counted(exchange, serve(exchange, refreshed, now), "revalidated", "fwd=stale; fwd-status=304");
        }
        restore(headers, clientEtags, clientSince);
        return stored(exchange, key, request, reply, requested, stored, "fwd=stale");
    }

    /** The stored response refreshed by the backend's 304 (RFC 9111 §4.3.4), stored again. */
    private Stored refreshed(String key, Stored stored, Reply notModified, long requested) {
        notModified.bytes(); // the 304 has no body; reading it releases the connection
        Stored refreshed = stored.refreshed(notModified.headers(), requested, System.currentTimeMillis());
        store.put(key, merge(store.get(key), refreshed), Freshness.keep(refreshed, rules));
        return refreshed;
    }

    /** Asks the backend for the whole response (client validators held back) and stores it if it may. */
    private Reply fetch(Exchange exchange, String key, Directives request, Stored stale) {
        Map<String, List<String>> headers = exchange.headers();
        String clientEtags = first(headers, "If-None-Match");
        String clientSince = first(headers, "If-Modified-Since");
        strip(headers);
        long requested = System.currentTimeMillis();
        Reply reply = handleSafely(exchange);
        restore(headers, clientEtags, clientSince);
        return stored(exchange, key, request, reply, requested, stale, stale == null ? "fwd=miss" : "fwd=stale");
    }

    /** The backend's reply, stored when it may be; a failure answered from a stale response when that may stand in. */
    private Reply stored(Exchange exchange, String key, Directives request, Reply reply, long requested, Stored stale,
            String forwarded) {
        long now = System.currentTimeMillis();
        if (stale != null && (reply.problem() != null || reply.status() >= 500)
                && Freshness.servableOnError(stale, request, rules, now)) {
            discard(reply);
            return counted(exchange, serve(exchange, stale, now), "stale", "hit; detail=stale");
        }
        String status = forwarded + (reply.problem() == null ? "; fwd-status=" + reply.status() : "");
        if (!exchange.method().equals("GET") || reply.problem() != null) {
            return counted(exchange, reply, "miss", status);
        }
        boolean unverified = !exchange.caller().authenticated() && exchange.header("Authorization") != null;
        String refusal = Storing.refusal(request, reply.status(), reply.headers(), reply.complete() != Boolean.FALSE,
                unverified, rules);
        byte[] body = refusal == null ? storable(reply) : null;
        if (body == null) {
            return counted(exchange, reply, "miss", status);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>(reply.headers());
        if (reply.body() instanceof Body.Json && reply.header("Content-Type") == null) {
            headers.put("Content-Type", List.of("application/json"));
        }
        Stored probe = new Stored(reply.status(), headers, body, requested, now, Map.of(), null);
        Stored fresh = new Stored(reply.status(), headers, body, requested, now,
                Variants.selecting(Variants.names(probe), name -> values(exchange.headers(), name)),
                Storing.owner(exchange.caller().authenticated() ? exchange.caller().subject() : null,
                        Directives.parse(values(headers, "Cache-Control"))));
        store.put(key, merge(store.get(key), fresh), Freshness.keep(fresh, rules));
        return counted(exchange, serve(exchange, fresh, now), "miss", status + "; stored");
    }

    /** The reply from a stored response: 304 when the client's validators match, else the response with its Age. */
    private Reply serve(Exchange exchange, Stored stored, long now) {
        String etags = exchange.header("If-None-Match");
        String since = exchange.header("If-Modified-Since");
        String age = String.valueOf(Freshness.age(stored, now));
        if ((etags != null || since != null) && stored.status() == 200 && Validators.notModified(stored, etags, since)) {
            Map<String, List<String>> kept = new LinkedHashMap<>();
            stored.headers().forEach((name, values) -> {
                if (NOT_MODIFIED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    kept.put(name, values);
                }
            });
            return Reply.of(304, kept, Body.EMPTY).header("Age", age);
        }
        Ranges.Slice slice = ranges && stored.status() == 200 && exchange.method().equals("GET")
                ? Ranges.of(exchange.header("Range"), exchange.header("If-Range"), stored, stored.body().length) : null;
        if (slice == Ranges.UNSATISFIABLE) {
            return Reply.empty(416, Map.of("Content-Range", "bytes */" + stored.body().length)).header("Age", age);
        }
        if (slice != null) {
            byte[] part = java.util.Arrays.copyOfRange(stored.body(), (int) slice.first(), (int) slice.last() + 1);
            return Reply.of(206, stored.headers(), new Body.Bytes(part, stored.header("Content-Type"))).header("Age", age)
                    .header("Content-Range", "bytes " + slice.first() + "-" + slice.last() + "/" + stored.body().length);
        }
        return Reply.of(stored.status(), stored.headers(), new Body.Bytes(stored.body(), stored.header("Content-Type")))
                .header("Age", age);
    }

    /** Refreshes a stale response behind the answer already given (stale-while-revalidate). */
    private void refresh(Exchange exchange, String key, Stored stored, Directives request) {
        CountDownLatch mine = new CountDownLatch(1);
        if (inFlight.putIfAbsent(key, mine) != null) {
            return; // someone is at it already
        }
        try {
            Map<String, List<String>> headers = exchange.headers();
            strip(headers);
            if (Validators.revalidatable(stored)) {
                withValidators(headers, stored);
            }
            long requested = System.currentTimeMillis();
            Reply reply = handleSafely(exchange);
            if (reply.status() == 304 && reply.problem() == null) {
                refreshed(key, stored, reply, requested);
            } else if (reply.problem() == null && reply.status() < 500) {
                stored(exchange, key, request, reply, requested, null, "fwd=stale");
            } else {
                discard(reply);
            }
        } finally {
            inFlight.remove(key, mine);
            mine.countDown();
        }
    }

    /** The body to store, read whole; null (the reply still whole, relayed as it comes) when it is too large. */
    private byte[] storable(Reply reply) {
        int max = limits.maxObjectSize();
        try {
            if (reply.body() instanceof Body.Stream s) {
                if (s.length() > max) {
                    return null;
                }
                if (s.length() < 0 && s.in() != null) {
                    byte[] head = s.in().readNBytes(max + 1);
                    if (head.length > max) {
                        reply.body(new Body.Stream(new SequenceInputStream(new ByteArrayInputStream(head), s.in()), -1,
                                s.source(), s.origin()));
                        return null;
                    }
                    s.source().close(); // read whole: the connection goes back to its pool
                    reply.body(new Body.Bytes(head, reply.header("Content-Type")));
                    return head;
                }
            }
            byte[] bytes = reply.bytes();
            return bytes.length > max ? null : bytes;
        } catch (IOException | UncheckedIOException e) {
            throw new GatewayException(502, "Bad Gateway", "The backend broke off its answer.");
        }
    }

    private Reply handleSafely(Exchange exchange) {
        try {
            return inner.handle(exchange);
        } catch (GatewayException e) {
            return Reply.problem(e);
        }
    }

    private Reply counted(Exchange exchange, Reply reply, String result, String status) {
        counters.count(exchange.route().id(), result);
        exchange.cacheResult(result);
        return reply.add(STATUS, NAME + "; " + status);
    }

    /** The stored response this request may have: its subject's or everyone's, matching its Vary headers; newest first. */
    private static Stored select(List<Stored> variants, String subject, Exchange exchange) {
        if (variants.isEmpty()) {
            return null;
        }
        Function<String, List<String>> header = name -> values(exchange.headers(), name);
        for (Stored s : variants) {
            if (Variants.matches(s, subject, header)) {
                return s;
            }
        }
        return null;
    }

    /** The target's variants with this one first, replacing the one it selects like, at most {@link #VARIANTS}. */
    private static List<Stored> merge(List<Stored> existing, Stored fresh) {
        List<Stored> merged = new ArrayList<>(Math.min(existing.size() + 1, VARIANTS));
        merged.add(fresh);
        for (Stored s : existing) {
            boolean same = java.util.Objects.equals(s.subject(), fresh.subject()) && s.vary().equals(fresh.vary());
            if (!same && merged.size() < VARIANTS) {
                merged.add(s);
            }
        }
        return merged;
    }

    /** The stored target: the routed path and query (every route, so a POST on one invalidates the GET of another). */
    static String key(Exchange exchange) {
        String query = exchange.query();
        return query == null ? exchange.path() : exchange.path() + "?" + query;
    }

    private static void withValidators(Map<String, List<String>> headers, Stored stored) {
        strip(headers);
        if (stored.header("ETag") != null) {
            headers.put("If-None-Match", new ArrayList<>(stored.values("ETag")));
        }
        if (stored.header("Last-Modified") != null) {
            headers.put("If-Modified-Since", new ArrayList<>(List.of(stored.header("Last-Modified"))));
        }
    }

    private static void strip(Map<String, List<String>> headers) {
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("If-None-Match") || name.equalsIgnoreCase("If-Modified-Since")
                || name.equalsIgnoreCase("If-Match") || name.equalsIgnoreCase("If-Unmodified-Since")
                || name.equalsIgnoreCase("If-Range"));
    }

    private static void restore(Map<String, List<String>> headers, String etags, String since) {
        strip(headers);
        if (etags != null) {
            headers.put("If-None-Match", new ArrayList<>(List.of(etags)));
        }
        if (since != null) {
            headers.put("If-Modified-Since", new ArrayList<>(List.of(since)));
        }
    }

    private static void discard(Reply reply) {
        if (reply.body() instanceof Body.Stream s) {
            try {
                s.source().close();
            } catch (IOException e) {
                // the connection is dropped either way
            }
        }
    }

    private static List<String> values(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = values(headers, name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}

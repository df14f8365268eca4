package dev.portico.filter;

import dev.portico.backend.CallContext;
import dev.portico.problem.RequestIds;
import dev.portico.route.GatewayRoute;
import dev.portico.route.RouteTable;
import dev.portico.security.Caller;
import dev.portico.transform.HeaderRules;
import dev.portico.transform.Selection;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request on its way through the gateway: matched once, it carries its route, path parameters,
 * caller and client type to every stage and to the route's handler, and collects the headers every
 * response to it gets (request id, CORS, rate limit, deprecation, HSTS).
 */
public final class Exchange {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final long startedNanos = System.nanoTime();
    private final String rawPath;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>(8);
    private Map<String, List<String>> headers;
    private String requestId;
    private String path;
    private RouteTable.Result match;
    private Caller caller = Caller.ANONYMOUS;
    private String clientType;
    private CallContext callContext;
    private Runnable after;
    private String instance;
    private String cacheResult;
    private boolean masked;
    private String unmasked;
    private Selection mask;

    Exchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
        this.rawPath = rawPath(request);
        this.path = rawPath;
    }

    /**
     * The path exactly as sent. Liberty's {@code getRequestURI()} drops a {@code ;jsessionid=…} parameter;
     * the request URL keeps it, and the gateway refuses path parameters rather than forwarding them unseen.
     */
    private static String rawPath(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        int scheme = url.indexOf("://");
        int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
        return slash < 0 ? request.getRequestURI() : url.substring(slash);
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    public long startedNanos() {
        return startedNanos;
    }

    public String method() {
        return request.getMethod();
    }

    /** The path as the client sent it (still percent-encoded). */
    public String rawPath() {
        return rawPath;
    }

    /** The path routed on: the client's, or its versioned form (SPEC §2). */
    public String path() {
        return path;
    }

    void path(String routed) {
        path = routed;
    }

    /** The raw query, or null; without a {@code fields} mask the gateway applies itself. */
    public String query() {
        return masked ? unmasked : request.getQueryString();
    }

    void query(String rest) {
        masked = true;
        unmasked = rest;
    }

    /** The client's {@code ?fields=} mask, checked (SPEC §10); null for none. */
    public Selection mask() {
        return mask;
    }

    void mask(Selection checked) {
        mask = checked;
    }

    /** The request headers by name as sent (several values kept), without any client-sent {@code X-Portico-*}. */
    public Map<String, List<String>> headers() {
        if (headers == null) {
            Map<String, List<String>> all = new LinkedHashMap<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                if (!name.regionMatches(true, 0, "X-Portico-", 0, 10)) {
                    all.put(name, Collections.list(request.getHeaders(name))); // a fresh ArrayList
                }
            }
            headers = all;
        }
        return headers;
    }

    public String header(String name) {
        return request.getHeader(name);
    }

    public String requestId() {
        return requestId;
    }

    void requestId(String id) {
        requestId = id;
        responseHeaders.put(RequestIds.HEADER, id);
    }

    public RouteTable.Result match() {
        return match;
    }

    void match(RouteTable.Result result) {
        match = result;
    }

    /** The matched route, or null. */
    public GatewayRoute route() {
        return match == null ? null : match.route();
    }

    public Map<String, String> params() {
        return match == null || match.match() == null ? Map.of() : match.match().params();
    }

    public Caller caller() {
        return caller;
    }

    void caller(Caller verified) {
        caller = verified;
    }

    /** web, mobile or iot, or null (SPEC §10). */
    public String clientType() {
        return clientType;
    }

    void clientType(String type) {
        clientType = type;
    }

    /** What every backend is told about this request: its id, the caller and the client type, the trace context. */
    public CallContext callContext() {
        if (callContext == null) { // made once, after the pipeline has settled the caller and client type
            HeaderRules rules = route() == null ? HeaderRules.NONE : route().policy().transform().request();
            callContext = new CallContext(requestId, caller.subject(), caller.authenticated() ? caller.rolesHeader() : null,
                    clientType, header("traceparent"), header("tracestate"), header("Authorization"),
                    rules.none() ? null : new CallContext.HeaderEdit(rules, this::variable));
        }
        return callContext;
    }

    /** A header rule's placeholder (SPEC §10): {@code sub}, {@code client-type} or a path parameter; null when unknown. */
    public String variable(String name) {
        return switch (name) {
            case "sub" -> caller.authenticated() ? caller.subject() : null;
            case "client-type" -> clientType;
            default -> params().get(name);
        };
    }

    /**
     * Work to do once the client has its answer, on this request's thread (a refresh of a stale cached
     * response, say): the request's headers and the route are still at hand.
     */
    /** The backend instance that answered (a forwarded request), for the access log. */
    public void answeredBy(String base) {
        instance = base;
    }

    public String instance() {
        return instance;
    }

    /** What the cache made of the request (hit, stale, revalidated, miss, bypass), for the access log. */
    public void cacheResult(String result) {
        cacheResult = result;
    }

    public String cacheResult() {
        return cacheResult;
    }

    public void after(Runnable task) {
        Runnable before = after;
        after = before == null ? task : () -> {
            before.run();
            task.run();
        };
    }

    Runnable after() {
        return after;
    }

    /** Headers every response to this request carries; a handler applies them with {@link #applyResponseHeaders()}. */
    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    /** Puts the collected headers on the servlet response ({@code Vary} is added to, the rest set). */
    public void applyResponseHeaders() {
        responseHeaders.forEach((name, value) -> {
            if (name.equals("Vary")) {
                response.addHeader(name, value);
            } else {
                response.setHeader(name, value);
            }
        });
    }
}

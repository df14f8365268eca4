package dev.portico.it;

import dev.portico.demo.HttpService;
import dev.portico.demo.Received;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The origin behind the cached routes: each path answers as its test scripted it (status, headers,
 * body, and may look at the request, e.g. to answer 304 to a validator), and every request is recorded,
 * so a test sees which ones the cache let through.
 */
class OriginService extends HttpService {
    private final Map<String, Function<Received, Reply>> scripts = new ConcurrentHashMap<>();

    OriginService(int port) {
        super("origin", port);
    }

    /** Answers requests for {@code path} (as the origin sees it) with {@code script}. */
    OriginService on(String path, Function<Received, Reply> script) {
        scripts.put(path, script);
        return this;
    }

    /** Answers {@code path} with 200, these headers (name, value, …) and a body naming the call. */
    OriginService on(String path, String... headers) {
        return on(path, request -> ok(count(path), headers));
    }

    static Reply ok(int call, String... headers) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new Reply(200, "application/json", "{\"call\":" + call + "}", map);
    }

    /** Requests the origin got for {@code path} (with any query), health probes aside. */
    int count(String path) {
        return (int) calls(path).count();
    }

    java.util.stream.Stream<Received> calls(String path) {
        return received().stream().filter(r -> r.target().equals(path) || r.target().startsWith(path + "?"));
    }

    /** The last request for {@code path}. */
    Received last(String path) {
        List<Received> all = calls(path).toList();
        return all.get(all.size() - 1);
    }

    @Override
    protected Reply handle(String method, String path, String query, String body) {
        Function<Received, Reply> script = scripts.get(path);
        if (script == null) {
            return Reply.json(404, "{\"error\":\"no script\"}");
        }
        return script.apply(last(path));
    }
}

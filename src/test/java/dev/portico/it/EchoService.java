package dev.portico.it;

import static dev.portico.json.Jsons.JSON;

import dev.portico.demo.HttpService;
import java.util.Map;

/**
 * A plain HTTP backend for the declared-route tests: answers every request with what it saw
 * (method, path and query, body length), names itself, and sends a few hop-by-hop headers that
 * the gateway must not relay. {@code GET …/health} answers 200.
 */
class EchoService extends HttpService {
    EchoService(String name, int port) {
        super(name, port);
    }

    @Override
    protected Reply handle(String method, String path, String query, String body) {
        String json = JSON.createObjectBuilder()
                .add("instance", name())
                .add("method", method)
                .add("path", path)
                .add("query", query == null ? "" : query)
                .add("bodyLength", body.length())
                .build().toString();
        return new Reply(path.endsWith("/missing") ? 404 : 200, "application/json", json,
                Map.of("Connection", "X-Hop", "X-Hop", "secret", "Keep-Alive", "timeout=5", "X-End-To-End", "kept"));
    }
}

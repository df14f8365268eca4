package dev.portico.demo;

import static dev.portico.demo.JsonValues.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The reference User service: REST/JSON over its own in-memory store. */
public final class UserService extends HttpService {
    private final Map<String, JsonObject> users = new ConcurrentHashMap<>();

    public UserService(int port) {
        super("users", port);
        seed();
    }

    /** A second instance with its own copy of the store, sharing {@code twin}'s faults and record. */
    public UserService(String name, int port, UserService twin) {
        super(name, port, twin);
        seed();
    }

    private void seed() {
        put("123", "Ada Lovelace", "ada@example.com");
        put("124", "Alan Turing", "alan@example.com");
        put("125", "Grace Hopper", "grace@example.com");
    }

    private void put(String id, String name, String email) {
        users.put(id, JSON.createObjectBuilder()
                .add("id", id).add("name", name).add("email", email).build());
    }

    @Override
    protected Reply handle(String method, String path, String query, String body) {
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return Reply.json(405, "{\"error\":\"method not allowed\"}");
        }
        if (path.equals("/health") || path.equals("/health/ready")) {
            return Reply.json(200, "{\"status\":\"UP\"}");
        }
        if (path.equals("/users")) {
            String ids = query != null && query.startsWith("ids=") ? query.substring(4) : "";
            JsonArrayBuilder list = JSON.createArrayBuilder();
            Arrays.stream(ids.split(",")).map(users::get).filter(u -> u != null).forEach(list::add);
            return Reply.json(200, list.build().toString());
        }
        if (path.startsWith("/users/")) {
            JsonObject user = users.get(path.substring("/users/".length()));
            return user == null
                    ? Reply.json(404, "{\"error\":\"no such user\"}")
                    : Reply.json(200, user.toString());
        }
        return Reply.json(404, "{\"error\":\"no such resource\"}");
    }
}

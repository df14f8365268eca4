package dev.portico.backend;

import java.util.Map;

/**
 * The backends by id, as a plain object for the request path: {@link Backends} produces it once per
 * injection point, so a lookup is a map read, not a call through Backends' CDI client proxy.
 */
public record BackendDirectory(Map<String, Backend> byId) {
    public Backend get(String id) {
        return byId.get(id);
    }
}

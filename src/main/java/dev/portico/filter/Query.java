package dev.portico.filter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reads a parameter from a raw query string (never from a form body, unlike the servlet API). */
public final class Query {
    private Query() {
    }

    /** The first decoded value of {@code name}, or null. The query has passed PathCheck (escapes well-formed). */
    public static String first(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}

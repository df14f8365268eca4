package dev.portico.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses a key under a configured route's or backend's prefix ({@code portico.route.<id>.},
 * {@code portico.backend.<id>.}) that the reader never asked for: a typo must not pass silently. Keys are
 * matched as written ({@code portico.route.user.cache-ttl}) or in their environment-variable form
 * ({@code PORTICO_ROUTE_USER_CACHE_TTL}); the error names the nearest key that is read.
 */
final class UnknownKeys {
    /** Read only when another key is set (CORS without origins, a trust store's password without the store). */
    private static final List<String> CONDITIONAL = List.of("cors.credentials", "cors.methods", "cors.headers",
            "cors.expose-headers", "cors.max-age", "tls.trust-store-password", "tls.trust-store-type", "cache.max-ttl",
            "cache.stale-if-error", "cache.stale-while-revalidate");

    private UnknownKeys() {
    }

    /**
     * @param names    every configured name (MP Config's property names)
     * @param asked    every key the reader looked up
     * @param prefixes the prefixes of the configured routes and backends
     * @throws ConfigException naming the first unknown key and the nearest known one
     */
    static void refuse(Iterable<String> names, Set<String> asked, Collection<String> prefixes) {
        // Compared in environment-variable form: an environment variable is listed as written, or (Liberty)
        // lower-cased with every '_' a '.', so "backend-path" may come back as "backend.path".
        Map<String, String> known = new HashMap<>();
        asked.forEach(key -> known.put(envForm(key), key));
        for (String name : names) {
            String form = envForm(name);
            if (known.containsKey(form)) {
                continue;
            }
            for (String prefix : prefixes) {
                String start = envForm(prefix);
                if (!form.startsWith(start)) {
                    continue;
                }
                String rest = form.substring(start.length());
                if (rest.isEmpty() || CONDITIONAL.stream().anyMatch(k -> rest.equals(envForm(k)))) {
                    break;
                }
                throw new ConfigException(name, "is not a key Portico reads" + nearest(name, form, known, prefixes));
            }
        }
    }

    private static String nearest(String name, String form, Map<String, String> known, Collection<String> prefixes) {
        String best = null;
        int distance = Integer.MAX_VALUE;
        for (Map.Entry<String, String> key : known.entrySet()) {
            if (prefixes.stream().noneMatch(key.getValue()::startsWith)) {
                continue;
            }
            int d = distance(key.getKey(), form);
            if (d < distance) {
                best = key.getValue();
                distance = d;
            }
        }
        if (best == null) {
            return "";
        }
        return " (did you mean " + (name.equals(form) ? envForm(best) + ", that is " + best : best) + "?)";
    }

    /** How MicroProfile Config finds {@code key} in the environment: upper case, every other character '_'. */
    static String envForm(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return out.toString();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

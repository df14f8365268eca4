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
        Map<String, String> byEnvForm = new HashMap<>();
        asked.forEach(key -> byEnvForm.put(envForm(key), key));
        for (String name : names) {
            if (asked.contains(name) || byEnvForm.containsKey(name)) {
                continue;
            }
            boolean env = name.startsWith("PORTICO_");
            for (String prefix : prefixes) {
                String start = env ? envForm(prefix) : prefix;
                if (!name.startsWith(start)) {
                    continue;
                }
                String rest = name.substring(start.length());
                if (rest.isEmpty() || CONDITIONAL.stream().anyMatch(k -> rest.equals(env ? envForm(k) : k))) {
                    break;
                }
                throw new ConfigException(name, "is not a key Portico reads" + nearest(name, asked, env, prefixes));
            }
        }
    }

    private static String nearest(String name, Set<String> asked, boolean env, Collection<String> prefixes) {
        String best = null;
        int distance = Integer.MAX_VALUE;
        for (String key : asked) {
            if (prefixes.stream().noneMatch(key::startsWith)) {
                continue;
            }
            int d = distance(env ? envForm(key) : key, name);
            if (d < distance) {
                best = key;
                distance = d;
            }
        }
        return best == null ? "" : " (did you mean " + (env ? envForm(best) + ", that is " + best : best) + "?)";
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

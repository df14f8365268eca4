package dev.portico.config;

import dev.portico.config.BackendDefinition.Protocol;
import dev.portico.config.RouteDefinition.Auth;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reads {@code portico.*} keys into typed definitions, failing with the key's name on a bad value. */
public final class ConfigReader {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Function<String, Optional<String>> lookup;

    /** @param lookup the value of a key, if set (MP Config in the server, a map in tests) */
    public ConfigReader(Function<String, Optional<String>> lookup) {
        this.lookup = lookup;
    }

    public Map<String, BackendDefinition> backends() {
        Map<String, BackendDefinition> backends = new LinkedHashMap<>();
        for (String id : list("portico.backends")) {
            backends.put(id, backend(id));
        }
        return backends;
    }

    BackendDefinition backend(String id) {
        String prefix = "portico.backend." + id + ".";
        List<String> raw = list(prefix + "urls");
        if (raw.isEmpty()) {
            throw new ConfigException(prefix + "urls", "backend '" + id + "' needs at least one URL");
        }
        List<URI> urls = raw.stream().map(u -> url(prefix + "urls", u)).toList();
        Protocol protocol = lookup.apply(prefix + "protocol")
                .map(p -> choice(prefix + "protocol", p, Protocol.class))
                .orElse(Protocol.REST);
        return new BackendDefinition(id, urls, protocol,
                duration(prefix + "connect-timeout", DEFAULT_CONNECT_TIMEOUT),
                duration(prefix + "timeout", DEFAULT_TIMEOUT));
    }

    /** The route's policies: {@code defaults} overridden by whatever {@code portico.route.<id>.*} sets. */
    public RouteDefinition route(RouteDefinition defaults) {
        String prefix = "portico.route." + defaults.id() + ".";
        Auth auth = lookup.apply(prefix + "auth").map(a -> choice(prefix + "auth", a, Auth.class))
                .orElse(defaults.auth());
        Set<String> roles = lookup.apply(prefix + "roles")
                .<Set<String>>map(r -> new LinkedHashSet<>(split(r)))
                .orElse(defaults.roles());
        String owner = lookup.apply(prefix + "owner-param").map(String::trim).orElse(defaults.ownerParam());
        if (owner != null && owner.isEmpty()) {
            owner = null;
        }
        return new RouteDefinition(defaults.id(), auth, Set.copyOf(roles), owner,
                duration(prefix + "timeout", defaults.timeout()));
    }

    private List<String> list(String key) {
        List<String> ids = lookup.apply(key).map(ConfigReader::split).orElse(List.of());
        if (key.equals("portico.backends")) {
            ids.stream().filter(id -> !ID.matcher(id).matches()).findFirst().ifPresent(bad -> {
                throw new ConfigException(key, "'" + bad + "' is not an id (lower-case letters, digits, '-')");
            });
        }
        return ids;
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private Duration duration(String key, Duration fallback) {
        Optional<String> value = lookup.apply(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value.get());
            if (d.isZero()) {
                throw new ConfigException(key, "must be greater than 0");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static URI url(String key, String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(key, "'" + value + "' is not an http(s) URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(key, "'" + value + "' is not a URL");
        }
    }

    private static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
        String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new ConfigException(key, "'" + value + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}

package dev.portico.config;

import dev.portico.cache.CacheLimits;
import dev.portico.cache.CacheRules;
import dev.portico.config.BackendDefinition.Balancing;
import dev.portico.config.BackendDefinition.Protocol;
import dev.portico.config.RouteDefinition.Auth;
import dev.portico.route.AdminRoutes;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import dev.portico.route.PathTemplate;
import dev.portico.route.RouteTable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code portico.*} keys into typed definitions, failing with the key's name on a bad value. */
public final class ConfigReader {
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(500);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(5);
    static final int DEFAULT_RETRIES = 2;
    static final int DEFAULT_MAX_CONCURRENT = 256;
    private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z-]{0,15}|\\*");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Function<String, Optional<String>> lookup;

    /** Every key looked up so far: what the gateway reads. */
    private final Set<String> asked = new java.util.HashSet<>();

    /** @param lookup the value of a key, if set (MP Config in the server, a map in tests) */
    public ConfigReader(Function<String, Optional<String>> lookup) {
        this.lookup = key -> {
            asked.add(key);
            return lookup.apply(key);
        };
    }

    /**
     * Refuses a key under a configured route's or backend's prefix that nothing read (a typo), naming the
     * nearest key that is read; call it once everything is read.
     *
     * @param names every configured key
     */
    public void refuseUnknownKeys(Iterable<String> names, Collection<String> routeIds) {
        List<String> prefixes = new ArrayList<>();
        routeIds.forEach(id -> prefixes.add("portico.route." + id + "."));
        list("portico.backends").forEach(id -> prefixes.add("portico.backend." + id + "."));
        UnknownKeys.refuse(names, Set.copyOf(asked), prefixes);
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
        Balancing balancing = lookup.apply(prefix + "load-balancer")
                .map(b -> choice(prefix + "load-balancer", b, Balancing.class))
                .orElse(Balancing.ROUND_ROBIN);
        String healthPath = lookup.apply(prefix + "health.path").map(String::trim).filter(p -> !p.isEmpty())
                .orElse(null);
        if (healthPath != null && !healthPath.startsWith("/")) {
            throw new ConfigException(prefix + "health.path", "'" + healthPath + "' must start with '/'");
        }
        return new BackendDefinition(id, urls, protocol, balancing,
                duration(prefix + "connect-timeout", DEFAULT_CONNECT_TIMEOUT),
                duration(prefix + "timeout", DEFAULT_TIMEOUT),
                integer(prefix + "retries", DEFAULT_RETRIES, 0, 10),
                healthPath,
                duration(prefix + "health.interval", DEFAULT_HEALTH_INTERVAL),
                bool(prefix + "forward-token", false),
                integer(prefix + "max-concurrent", DEFAULT_MAX_CONCURRENT, 1, 100_000),
                lookup.apply(prefix + "tls.trust-store").filter(v -> !v.isBlank())
                        .map(path -> TrustStore.load(prefix + "tls.trust-store", path.trim(),
                                lookup.apply(prefix + "tls.trust-store-password").orElse(null),
                                lookup.apply(prefix + "tls.trust-store-type").orElse("PKCS12").trim()))
                        .orElse(null));
    }

    /** The routes listed in {@code portico.routes}, each checked against the known backends; see {@link HandlingReader}. */
    /** The whole route table: the admin routes (with their configured policies) first, then the declared ones. */
    public RouteTable routeTable(Map<String, BackendDefinition> backends) {
        List<GatewayRoute> table = new ArrayList<>();
        for (RouteDefinition admin : AdminRoutes.defaults()) {
            table.add(AdminRoutes.route(route(admin)));
        }
        Set<String> builtinIds = table.stream().map(GatewayRoute::id).collect(Collectors.toSet());
        table.addAll(declaredRoutes(backends, builtinIds));
        return new RouteTable(table);
    }

    public List<GatewayRoute> declaredRoutes(Map<String, BackendDefinition> backends, Set<String> builtinIds) {
        List<GatewayRoute> routes = new ArrayList<>();
        HandlingReader handlings = new HandlingReader(this, backends);
        for (String id : list("portico.routes")) {
            String prefix = "portico.route." + id + ".";
            if (!ID.matcher(id).matches()) {
                throw new ConfigException("portico.routes", "'" + id + "' is not an id (lower-case letters, digits, '-')");
            }
            if (builtinIds.contains(id)) {
                throw new ConfigException("portico.routes", "'" + id + "' is one of the gateway's own routes; choose another id");
            }
            PathTemplate path = template(prefix + "path", required(prefix + "path"));
            Handling handling = handlings.read(id, path);
            Set<String> methods = new LinkedHashSet<>(lookup.apply(prefix + "methods").map(ConfigReader::split)
                    .orElse(List.of("GET", "HEAD")));
            methods.stream().filter(m -> !METHOD.matcher(m).matches()).findFirst().ifPresent(m -> {
                throw new ConfigException(prefix + "methods", "'" + m + "' is not an HTTP method (upper case)");
            });
            RouteDefinition policy = route(RouteDefinition.of(id, Auth.JWT, Set.of(), null), path.params());
            routes.add(new GatewayRoute(policy, path, Set.copyOf(methods), handling));
        }
        return routes;
    }

    /** The route's policies: {@code defaults} overridden by whatever {@code portico.route.<id>.*} sets. */
    public RouteDefinition route(RouteDefinition defaults) {
        return route(defaults, List.of());
    }

    /** @param params the route's path parameters (a header rule's value may name them) */
    RouteDefinition route(RouteDefinition defaults, List<String> params) {
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
        LocalDate sunset = lookup.apply(prefix + "sunset").map(d -> date(prefix + "sunset", d)).orElse(defaults.sunset());
        return new RouteDefinition(defaults.id(), auth, Set.copyOf(roles), owner,
                duration(prefix + "timeout", defaults.timeout()), sunset,
                size(prefix + "max-body", defaults.maxBody()), cors(prefix + "cors.", defaults.cors()),
                bool(prefix + "https-redirect", defaults.httpsOnly()), rateLimit(prefix + "rate-limit", defaults.rateLimit()),
                pattern(prefix + "param-pattern", defaults.paramPattern()), cache(prefix, defaults.cache()),
                new TransformReader(this).read(prefix, defaults.transform(), params));
    }

    /** {@code <route>.cache}, {@code cache-ttl} and {@code cache.*}: on when {@code cache=on} or a ttl is set. */
    private CacheRules cache(String prefix, CacheRules defaults) {
        Duration ttl = duration(prefix + "cache-ttl", defaults == null ? null : defaults.ttl());
        boolean on = onOff(prefix + "cache", ttl != null || defaults != null);
        if (!on) {
            return null;
        }
        Duration maxTtl = duration(prefix + "cache.max-ttl", CacheRules.DEFAULT_MAX_TTL);
        if (ttl != null && ttl.compareTo(maxTtl) > 0) {
            throw new ConfigException(prefix + "cache-ttl", ttl + " is longer than cache.max-ttl (" + maxTtl + ")");
        }
        return new CacheRules(ttl, maxTtl, window(prefix + "cache.stale-if-error"),
                window(prefix + "cache.stale-while-revalidate"));
    }

    /** A duration that may be 0 (the default). */
    private Duration window(String key) {
        Optional<String> value = lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty() || value.get().equals("0")) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** {@code portico.cache.*}: the bounds of the response cache. */
    public CacheLimits cacheLimits() {
        long maxObject = size("portico.cache.max-object-size", 1024 * 1024);
        if (maxObject > Integer.MAX_VALUE - 8) {
            throw new ConfigException("portico.cache.max-object-size", "must be below 2 GiB");
        }
        long maxSize = size("portico.cache.max-size", 32L * 1024 * 1024);
        if (maxSize < maxObject) {
            throw new ConfigException("portico.cache.max-size", "must be at least portico.cache.max-object-size ("
                    + maxObject + " bytes)");
        }
        return new CacheLimits(integer("portico.cache.max-entries", 10_000, 1, 10_000_000), (int) maxObject, maxSize);
    }

    private String pattern(String key, String fallback) {
        String value = optional(key);
        if (value == null) {
            return fallback;
        }
        try {
            java.util.regex.Pattern.compile(value);
            return value;
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new ConfigException(key, "'" + value + "' is not a regular expression: " + e.getDescription());
        }
    }

    private RateLimit rateLimit(String key, RateLimit fallback) {
        Optional<String> value = lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get().equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return RateLimit.parse(value.get());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    /** {@code portico.cluster.*}: the Hazelcast member behind JCache; alone unless members are listed. */
    public ClusterDefinition cluster() {
        List<String> members = lookup.apply("portico.cluster.members").map(ConfigReader::split).orElse(List.of());
        for (String member : members) {
            if (!member.matches("[A-Za-z0-9.\\-\\[\\]:]+(:[0-9]{1,5})?")) {
                throw new ConfigException("portico.cluster.members", "'" + member + "' is not host:port");
            }
        }
        ClusterDefinition.Mode mode = lookup.apply("portico.cluster.mode")
                .map(m -> choice("portico.cluster.mode", m, ClusterDefinition.Mode.class)).orElse(ClusterDefinition.Mode.MEMBER);
        if (mode == ClusterDefinition.Mode.CLIENT && members.isEmpty()) {
            throw new ConfigException("portico.cluster.members", "is required with portico.cluster.mode=client (the cluster to connect to)");
        }
        String name = lookup.apply("portico.cluster.name").map(String::trim).filter(v -> !v.isEmpty()).orElse("portico");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException("portico.cluster.name", "'" + name + "' is not a cluster name (letters, digits, '.', '_', '-')");
        }
        return new ClusterDefinition(members, integer("portico.cluster.port", 5701, 1, 65535),
                lookup.apply("portico.cluster.interface").map(String::trim).filter(v -> !v.isEmpty()).orElse("127.0.0.1"),
                mode, name);
    }

    /** {@code <route>.cors.*}: enabled by {@code cors.origins}; the rest has defaults. */
    private CorsDefinition cors(String prefix, CorsDefinition defaults) {
        Optional<String> origins = lookup.apply(prefix + "origins").filter(v -> !v.isBlank());
        if (origins.isEmpty()) {
            return defaults;
        }
        Set<String> allowed = new LinkedHashSet<>();
        for (String origin : split(origins.get())) {
            if (!origin.equals("*") && !ORIGIN.matcher(origin).matches()) {
                throw new ConfigException(prefix + "origins", "'" + origin + "' is not an origin like https://app.example"
                        + " (scheme, host, optional port; no path) or *");
            }
            allowed.add(origin.toLowerCase(Locale.ROOT));
        }
        boolean credentials = bool(prefix + "credentials", false);
        if (credentials && allowed.contains("*")) {
            throw new ConfigException(prefix + "credentials", "cannot be true with origins '*' (browsers refuse it)");
        }
        Set<String> methods = new LinkedHashSet<>(lookup.apply(prefix + "methods").map(ConfigReader::split).orElse(List.of()));
        Set<String> headers = lookup.apply(prefix + "headers")
                .<Set<String>>map(h -> new LinkedHashSet<>(split(h.toLowerCase(Locale.ROOT))))
                .orElse(CorsDefinition.DEFAULT_HEADERS);
        Set<String> expose = lookup.apply(prefix + "expose-headers")
                .<Set<String>>map(h -> new LinkedHashSet<>(split(h)))
                .orElse(CorsDefinition.DEFAULT_EXPOSE);
        return new CorsDefinition(Set.copyOf(allowed), Set.copyOf(methods), Set.copyOf(headers), Set.copyOf(expose),
                duration(prefix + "max-age", Duration.ofMinutes(10)), credentials);
    }

    /** Request limits: {@code portico.limits.max-header-bytes} (16KiB) and {@code .max-uri-bytes} (8KiB). */
    public Limits limits() {
        return new Limits(size("portico.limits.max-header-bytes", 16 * 1024), size("portico.limits.max-uri-bytes", 8 * 1024));
    }

    /** {@code portico.trusted-proxies}: CIDR blocks whose forwarding headers are believed (default none). */
    public List<Cidr> trustedProxies() {
        List<Cidr> blocks = new ArrayList<>();
        for (String block : lookup.apply("portico.trusted-proxies").map(ConfigReader::split).orElse(List.of())) {
            try {
                blocks.add(Cidr.parse(block));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("portico.trusted-proxies", e.getMessage());
            }
        }
        return List.copyOf(blocks);
    }

    /** {@code portico.https.*}: redirect plain HTTP to HTTPS (off by default) and the HSTS lifetime. */
    public HttpsDefinition https() {
        int port = integer("https.port", 9443, 1, 65535);
        return new HttpsDefinition(bool("portico.https.redirect", false), port,
                duration("portico.https.hsts-max-age", Duration.ofDays(365)));
    }

    /** Token verification: the MP JWT keys ({@code mp.jwt.verify.*}) and {@code portico.jwt.*}. */
    public JwtDefinition jwt() {
        String issuer = required("mp.jwt.verify.issuer").trim();
        Set<String> audiences = Set.copyOf(split(required("mp.jwt.verify.audiences")));
        int skew = integer("mp.jwt.verify.clock.skew", 60, 0, (int) JwtDefinition.MAX_SKEW.toSeconds());
        long maxToken = size("portico.jwt.max-token-bytes", 8 * 1024);
        if (maxToken < 256 || maxToken > 64 * 1024) {
            throw new ConfigException("portico.jwt.max-token-bytes", maxToken + " is outside 256..65536");
        }
        String inline = lookup.apply("mp.jwt.verify.publickey").filter(v -> !v.isBlank()).orElse(null);
        String location = lookup.apply("mp.jwt.verify.publickey.location").map(String::trim)
                .filter(v -> !v.isEmpty()).orElse(null);
        if (inline == null && location == null) {
            throw new ConfigException("mp.jwt.verify.publickey.location",
                    "set it (or mp.jwt.verify.publickey) to the token issuer's public keys");
        }
        if (location != null && location.contains(":") && !location.matches("(?i)(file|https?):.+")) {
            throw new ConfigException("mp.jwt.verify.publickey.location",
                    "'" + location + "' is not a file path or a file:, http: or https: URL");
        }
        Duration refresh = duration("portico.jwt.jwks.refresh", Duration.ofMinutes(5));
        Duration maxStale = duration("portico.jwt.jwks.max-stale", Duration.ofHours(1));
        if (maxStale.compareTo(refresh) <= 0) {
            throw new ConfigException("portico.jwt.jwks.max-stale", "must be longer than portico.jwt.jwks.refresh ("
                    + refresh + ")");
        }
        return new JwtDefinition(issuer, audiences, Duration.ofSeconds(skew), (int) maxToken, inline, location,
                refresh, duration("portico.jwt.jwks.cooldown", Duration.ofSeconds(30)), maxStale,
                integer("portico.jwt.cache-size", 4096, 0, 1_000_000));
    }

    /** {@code portico.access-log.*}: one JSON object per request and line, in its own file (default on). */
    public ShutdownDefinition shutdown() {
        Duration grace = duration("portico.shutdown.grace", Duration.ofSeconds(5));
        Duration timeout = duration("portico.shutdown.timeout", Duration.ofSeconds(30));
        if (grace.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException("portico.shutdown.grace", "must be at most 5m");
        }
        if (timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new ConfigException("portico.shutdown.timeout", "must be at most 10m");
        }
        return new ShutdownDefinition(grace, timeout);
    }

    public AccessLogDefinition accessLog() {
        String file = lookup.apply("portico.access-log.file").map(String::trim).filter(f -> !f.isEmpty())
                .orElse("logs/access.json.log");
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new ConfigException("portico.access-log.file", "'" + file + "' is not a file path");
        }
        long maxBytes = size("portico.access-log.max-size", 20L * 1024 * 1024);
        if (maxBytes < 64 * 1024) {
            throw new ConfigException("portico.access-log.max-size", "must be at least 64KiB");
        }
        return new AccessLogDefinition(bool("portico.access-log", true), path, maxBytes,
                integer("portico.access-log.max-files", 5, 1, 1000));
    }

    /** {@code portico.default-version}: the version unversioned /api paths go to (v1 unless set). */
    public String defaultVersion() {
        String version = lookup.apply("portico.default-version").map(String::trim).orElse("v1");
        if (!version.matches("v[1-9][0-9]{0,2}")) {
            throw new ConfigException("portico.default-version", "'" + version + "' is not a version like v1");
        }
        return version;
    }

    /** A key's trimmed value; null when it is unset or blank. */
    String optional(String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }

    String required(String key) {
        return lookup.apply(key).filter(v -> !v.isBlank())
                .orElseThrow(() -> new ConfigException(key, "is required"));
    }

    static PathTemplate template(String key, String value) {
        try {
            return PathTemplate.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static LocalDate date(String key, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "'" + value + "' is not a date like 2027-06-30");
        }
    }

    private long size(String key, long fallback) {
        try {
            return lookup.apply(key).map(Sizes::parse).orElse(fallback);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private int integer(String key, int fallback, int min, int max) {
        Optional<String> value = lookup.apply(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.get().trim());
            if (n < min || n > max) {
                throw new ConfigException(key, n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value.get() + "' is not a whole number");
        }
    }

    /** A switch: on or off (true or false too). */
    boolean onOff(String key, boolean fallback) {
        return lookup.apply(key).map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new ConfigException(key, "'" + v + "' is not on or off");
        }).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return lookup.apply(key).map(v -> switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "'" + v + "' is not true or false");
        }).orElse(fallback);
    }

    List<String> list(String key) {
        List<String> ids = lookup.apply(key).map(ConfigReader::split).orElse(List.of());
        if (key.equals("portico.backends")) {
            ids.stream().filter(id -> !ID.matcher(id).matches()).findFirst().ifPresent(bad -> {
                throw new ConfigException(key, "'" + bad + "' is not an id (lower-case letters, digits, '-')");
            });
        }
        return ids;
    }

    static List<String> split(String value) {
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

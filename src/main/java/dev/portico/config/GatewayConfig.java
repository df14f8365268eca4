package dev.portico.config;

import dev.portico.cache.CacheLimits;
import dev.portico.route.RouteTable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/** The gateway's configuration, read once at start-up; a bad value stops the application's start. */
@ApplicationScoped
public class GatewayConfig {
    private static final Logger LOG = Logger.getLogger(GatewayConfig.class.getName());
    /** Liberty's AUDIT level (850, between INFO and WARNING): its console shows AUDIT and up, so the
     *  ready line is on the console as well as in messages.log, while INFO (the access log) is not. */
    private static final Level AUDIT = new Level("AUDIT", 850) { };

    @Inject
    Config config;

    private Map<String, BackendDefinition> backends;
    private Map<String, RouteDefinition> routes;
    private RouteTable routeTable;
    private String defaultVersion;
    private Limits limits;
    private AccessLogDefinition accessLog;
    private ShutdownDefinition shutdown;
    private JwtDefinition jwt;
    private HttpsDefinition https;
    private boolean httpsAnywhere;
    private List<Cidr> trustedProxies;
    private ClusterDefinition cluster;
    private CacheLimits cacheLimits;

    @PostConstruct
    void read() {
        try {
            ConfigReader reader = new ConfigReader(key -> config.getOptionalValue(key, String.class));
            backends = Collections.unmodifiableMap(reader.backends());
            routeTable = reader.routeTable(backends);
            Map<String, RouteDefinition> policies = new LinkedHashMap<>();
            routeTable.routes().forEach(r -> policies.put(r.id(), r.policy()));
            routes = Collections.unmodifiableMap(policies);
            defaultVersion = reader.defaultVersion();
            limits = reader.limits();
            accessLog = reader.accessLog();
            shutdown = reader.shutdown();
            jwt = reader.jwt();
            https = reader.https();
            httpsAnywhere = https.redirect() || routes.values().stream().anyMatch(RouteDefinition::httpsOnly);
            trustedProxies = reader.trustedProxies();
            cluster = reader.cluster();
            cacheLimits = reader.cacheLimits();
            reader.refuseUnknownKeys(config.getPropertyNames(), routes.keySet());
        } catch (ConfigException e) {
            LOG.log(Level.SEVERE, "Portico cannot start. {0}", e.getMessage());
            throw e;
        }
    }

    /**
     * Reads and validates the configuration when the application starts, not on the first request; runs
     * after every other start-up observer (key fetch, Hazelcast member, health checks), so "ready" is true.
     */
    void validateAtStartup(@Observes @Priority(Integer.MAX_VALUE) @Initialized(ApplicationScoped.class) Object event) {
        String port = config.getOptionalValue("http.port", String.class).orElse("9080");
        LOG.log(AUDIT, "Portico ready on http://127.0.0.1:{0}/ with backends {1} and declared routes {2}",
                new Object[] {port, backends.values().stream().map(b -> b.id() + "=" + b.urls()).toList(),
                    routeTable.declared().stream().map(r -> r.id() + "=" + r.methods() + " " + r.path()).toList()});
    }

    public BackendDefinition backend(String id) {
        return backends.get(id);
    }

    /** Every route's policies, coded and declared, by id. */
    public Map<String, RouteDefinition> routes() {
        return routes;
    }

    /** The policies of a coded or declared route. */
    public RouteDefinition route(String id) {
        return routes.get(id);
    }

    public RouteTable routeTable() {
        return routeTable;
    }

    public Map<String, BackendDefinition> backends() {
        return backends;
    }

    public String defaultVersion() {
        return defaultVersion;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Whether the peer at an address is a proxy whose X-Forwarded-* / Forwarded headers are believed: a plain
     * predicate the request path keeps (asking through this bean's CDI proxy per request cost ~3 %, JFR).
     */
    public Predicate<String> trustedProxies() {
        List<Cidr> blocks = List.copyOf(trustedProxies);
        if (blocks.isEmpty()) {
            return ip -> false;
        }
        return ip -> {
            for (Cidr block : blocks) {
                if (block.contains(ip)) {
                    return true;
                }
            }
            return false;
        };
    }

    public ClusterDefinition cluster() {
        return cluster;
    }

    public CacheLimits cacheLimits() {
        return cacheLimits;
    }

    /** Whether any route caches its responses. */
    public boolean caching() {
        return routes.values().stream().anyMatch(r -> r.cache() != null);
    }

    /** Whether HTTPS is required anywhere (globally or on some route): else the HTTPS filter has nothing to do. */
    public boolean httpsRequiredAnywhere() {
        return httpsAnywhere;
    }

    public HttpsDefinition https() {
        return https;
    }

    public JwtDefinition jwt() {
        return jwt;
    }

    public ShutdownDefinition shutdown() {
        return shutdown;
    }

    public AccessLogDefinition accessLog() {
        return accessLog;
    }
}

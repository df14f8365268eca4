package dev.portico.security;

import dev.portico.config.ConfigException;
import dev.portico.config.GatewayConfig;
import dev.portico.config.JwtDefinition;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Verifies bearer tokens with the configured keys: inline ones as given, a location's (file or JWKS URL)
 * fetched at start and refreshed in the background.
 */
@ApplicationScoped
public class TokenAuthority {
    private static final Logger LOG = Logger.getLogger(TokenAuthority.class.getName());
    @Inject
    GatewayConfig config;

    @Inject
    KeyFetch fetch;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private JwtVerifier verifier;
    private KeySet keys;
    private ScheduledFuture<?> refresher;

    @PostConstruct
    void start() {
        JwtDefinition jwt = config.jwt();
        if (jwt.inlineKeys() != null) {
            try {
                keys = KeySet.fixed(PublicKeys.parse(jwt.inlineKeys()));
            } catch (IllegalArgumentException e) {
                throw fail(new ConfigException("mp.jwt.verify.publickey", e.getMessage()));
            }
        } else {
            URI location;
            try {
                location = location(jwt.keyLocation());
            } catch (IllegalArgumentException e) {
                throw fail(new ConfigException("mp.jwt.verify.publickey.location", "'" + jwt.keyLocation() + "' is not a URL"));
            }
            keys = new KeySet(() -> PublicKeys.parse(read(location, true)), Clock.systemUTC(), jwt.cooldown(), jwt.maxStale());
            if (!keys.refresh(() -> PublicKeys.parse(read(location, false))) && file(location)) {
                // A key server may be down for a while; a missing or broken key file is a configuration error.
                throw fail(new ConfigException("mp.jwt.verify.publickey.location",
                        "no usable RSA or EC P-256 public key could be read from " + location));
            }
            long every = jwt.refresh().toMillis();
            refresher = scheduler.scheduleWithFixedDelay(keys::refresh, every, every, TimeUnit.MILLISECONDS);
        }
        verifier = new JwtVerifier(jwt, keys, jwt.cacheSize());
    }

    private static ConfigException fail(ConfigException e) {
        LOG.log(Level.SEVERE, "Portico cannot start. {0}", e.getMessage());
        return e;
    }

    /** Created with the application, so the keys are fetched before the first request. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object event) {
        keys.fetches();
    }

    @PreDestroy
    void stop() {
        if (refresher != null) {
            refresher.cancel(true);
        }
    }

    /**
     * The verifier itself, for the request path: one object for the application's life (its keys refresh
     * inside it), so a stage holding it calls no CDI client proxy per request (~40 % of a cached token's
     * check in JFR).
     */
    public JwtVerifier verifier() {
        return verifier;
    }

    /** The {@code kid} of a usable key, if any (for the start-up warm-up's token). */
    public Optional<String> anyKid() {
        return keys.anyKid();
    }

    /** Whether the verification keys are usable now (readiness). */
    public boolean keysFresh() {
        return keys.fresh();
    }

    private static boolean file(URI location) {
        return "file".equalsIgnoreCase(location.getScheme());
    }

    private static URI location(String location) {
        return location.matches("(?i)(file|https?):.+") ? URI.create(location) : Path.of(location).toUri();
    }

    /**
     * The key document at {@code location}: a file, or an HTTP(S) GET that must answer 200 in time
     * ({@link KeyFetch}), under its FT policies except at start-up: Liberty runs no {@code @Asynchronous}
     * call for an application until it has started, and waiting for one while it starts hung the start.
     */
    private String read(URI location, boolean policies) throws Exception {
        if (file(location)) {
            return Files.readString(Path.of(location));
        }
        if (!policies) {
            return fetch.read(location);
        }
        try {
            return fetch.document(location).toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}

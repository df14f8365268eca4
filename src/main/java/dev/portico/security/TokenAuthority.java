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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_KEY_DOCUMENT = 512 * 1024;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    GatewayConfig config;

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
            keys = new KeySet(() -> PublicKeys.parse(read(location)), Clock.systemUTC(), jwt.cooldown(), jwt.maxStale());
            if (!keys.refresh() && "file".equalsIgnoreCase(location.getScheme())) {
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

    /** Whether the verification keys are usable now (readiness). */
    public boolean keysFresh() {
        return keys.fresh();
    }

    private static URI location(String location) {
        return location.matches("(?i)(file|https?):.+") ? URI.create(location) : Path.of(location).toUri();
    }

    /** The key document at {@code location}: a file, or an HTTP(S) GET that must answer 200 in time. */
    private static String read(URI location) throws IOException, InterruptedException {
        if ("file".equalsIgnoreCase(location.getScheme())) {
            return Files.readString(Path.of(location));
        }
        HttpResponse<byte[]> response = CLIENT.send(HttpRequest.newBuilder(location).timeout(FETCH_TIMEOUT)
                .header("Accept", "application/jwk-set+json, application/json").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("the key server answered " + response.statusCode());
        }
        if (response.body().length > MAX_KEY_DOCUMENT) {
            throw new IOException("the key document is larger than " + MAX_KEY_DOCUMENT + " bytes");
        }
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}

package dev.portico.health;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.Backends;
import dev.portico.config.GatewayConfig;
import dev.portico.config.JwtDefinition;
import dev.portico.ratelimit.RateLimiter;
import dev.portico.route.GatewayRoute;
import dev.portico.security.TokenAuthority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The request path's warm-up, before the node reports ready: once the application has started, the node
 * sends itself one {@code GET} per route that takes one, over loopback, with a token that names a key the
 * gateway holds but is signed by a key made for the purpose. Each walks the filter, the route match, the
 * token's checks through its signature, the problem answer and the access log, and ends in a 401 (a bad
 * token is refused on every route, public ones too): it reaches no backend. The class loading and first
 * compilation a client's first request paid (0.1–0.4 s) is paid here. Then what an aggregate's first request
 * was the first to walk: one take from a rate-limit bucket of its own, and one GET of the node's own
 * {@code /health/live} through the data plane's HTTP client (neither reaches a backend). At most about 5 s; readiness
 * ({@code warm-up}) waits for it. The gRPC channels and reflection are warmed by {@code GrpcInvoker}.
 */
@ApplicationScoped
public class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());
    private static final Duration BUDGET = Duration.ofSeconds(5);
    private static final Duration TRY = Duration.ofSeconds(1);
    static final String AGENT = "portico-warmup";

    @Inject
    GatewayConfig config;

    @Inject
    TokenAuthority tokens;

    @Inject
    Config mpConfig;

    @Inject
    RateLimiter limiter;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean done;

    /** Scheduled now; Liberty runs the task once the application has started. */
    void schedule(@Observes @Initialized(ApplicationScoped.class) Object started) {
        scheduler.schedule(this::run, 0, TimeUnit.MILLISECONDS);
    }

    /** Whether the warm-up has run (or given up). */
    public boolean done() {
        return done;
    }

    private void run() {
        Instant deadline = Instant.now().plus(BUDGET);
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TRY).build();
            String token = token(config.jwt(), tokens.anyKid().orElse(null));
            String base = "http://" + host() + ":" + mpConfig.getOptionalValue("http.port", Integer.class).orElse(9080);
            for (GatewayRoute route : config.routeTable().routes()) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    break;
                }
                if (route.methods().contains("GET")) {
                    client.send(HttpRequest.newBuilder(URI.create(base + path(route)))
                            .timeout(left.compareTo(TRY) < 0 ? left : TRY)
                            .header("Authorization", "Bearer " + token).header("User-Agent", AGENT).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
            limiter.warmUp(AGENT);
            Backends.warmUp(URI.create(base), "/health/live", TRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Portico''s start-up warm-up stopped early ({0}); the first requests pay it",
                    e.toString());
        } finally {
            done = true;
        }
    }

    private String host() {
        String host = mpConfig.getOptionalValue("portico.host", String.class).orElse("127.0.0.1");
        if (host.equals("0.0.0.0") || host.equals("*") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The route's path with every parameter, and a prefix route's rest, filled with {@code 0}. */
    static String path(GatewayRoute route) {
        Map<String, String> zeros = new HashMap<>();
        route.path().params().forEach(p -> zeros.put(p, "0"));
        return route.path().expand(zeros, route.path().prefix() ? "/0" : "");
    }

    /**
     * An RS256 token with the configured issuer and audience, naming {@code kid} (a key the gateway holds,
     * so its signature is checked and no refetch is made), signed by a key nobody trusts.
     */
    static String token(JwtDefinition jwt, String kid) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        long now = Instant.now().getEpochSecond();
        JsonObjectBuilder header = JSON.createObjectBuilder().add("alg", "RS256").add("typ", "JWT");
        if (kid != null) {
            header.add("kid", kid);
        }
        String signed = b64(header.build().toString()) + "." + b64(JSON.createObjectBuilder().add("iss", jwt.issuer())
                .add("aud", jwt.audiences().stream().findFirst().orElse(AGENT)).add("sub", AGENT).add("iat", now)
                .add("exp", now + 60).build().toString());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

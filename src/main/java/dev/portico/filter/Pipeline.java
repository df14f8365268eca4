package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.problem.GatewayException;
import dev.portico.problem.RequestIds;
import dev.portico.ratelimit.RateLimiter;
import dev.portico.security.TokenAuthority;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The request pipeline of every route, coded or declared, in one place (SPEC §3). The stages run top to
 * bottom; the first that answers ends the request, which then reaches no backend.
 */
@Dependent
public class Pipeline {
    @Inject
    GatewayConfig config;
    @Inject
    TokenAuthority tokens;
    @Inject
    RateLimiter limiter;
    @Inject
    MetricRegistry metrics;

    private List<Stage> stages;

    @PostConstruct
    void build() {
        stages = List.of(
                // First: every later answer, log line and backend call carries the id.
                exchange -> {
                    exchange.requestId(RequestIds.keepOrGenerate(exchange.header(RequestIds.HEADER)));
                    return null;
                },
                // Malformed or smuggled input never reaches routing.
                new HygieneStage(config.limits()),
                new VersionStage(config.defaultVersion()),
                // Matched once; everything below knows the route (or that there is none).
                new MatchStage(config.routeTable()),
                // Before CORS and authentication: nothing more goes on in the clear.
                new HttpsStage(config.https(), config.trustedProxies()),
                // Preflights are answered even for methods the route refuses; foreign origins get 403.
                new CorsStage(config.routeTable()),
                new RouteStage(),
                exchange -> {
                    RateLimitStage.announce(exchange);
                    return null;
                },
                new DeprecationStage(),
                new AuthenticationStage(tokens.verifier()),
                new AuthorizationStage(),
                // After authorization: the consumer is known, and refused callers spend no tokens.
                new RateLimitStage(limiter, config.trustedProxies(), metrics));
    }

    /** Runs the stages; null when the request may go to its route's handler, else the answer that ends it. */
    public Answer run(Exchange exchange) {
        for (Stage stage : stages) {
            Answer answer;
            try {
                answer = stage.apply(exchange);
            } catch (GatewayException e) {
                answer = Answer.of(e);
            }
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }
}

package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.problem.GatewayException;
import dev.portico.problem.RequestIds;
import dev.portico.ratelimit.RateLimiter;
import dev.portico.reply.Reply;
import dev.portico.security.TokenAuthority;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The request pipeline of every route in one place (SPEC §3). The inbound stages run top to bottom; the
 * first that answers ends the request, which then reaches no backend. Every reply, the handler's or a
 * stage's, then walks the outbound stages.
 */
@Dependent
public class Pipeline {
    /** Whether an aggregate's every part made it (SPEC §9). */
    public static final String COMPLETE_HEADER = "Portico-Complete";

    @Inject
    GatewayConfig config;
    @Inject
    TokenAuthority tokens;
    @Inject
    RateLimiter limiter;
    @Inject
    MetricRegistry metrics;

    private List<Stage> stages;
    private List<Outbound> outbound;

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
                // The client type is known: a ?fields= mask is checked before anything is spent on it.
                new FieldsStage(),
                // After authorization: the consumer is known, and refused callers spend no tokens.
                new RateLimitStage(limiter, config.trustedProxies(), metrics));
        // Every route kind's reply, problems included, walks these in order before it is written.
        outbound = List.of(
                // An aggregate says whether every part made it (SPEC §9).
                (exchange, reply) -> reply.complete() == null ? reply
                        : reply.header(COMPLETE_HEADER, String.valueOf(reply.complete())),
                // The route's JSON rules, client type and mask, then its response headers (SPEC §10).
                new TransformStage());
    }

    /** Runs the stages; null when the request may go to its route's handler, else the reply that ends it. */
    public Reply run(Exchange exchange) {
        for (Stage stage : stages) {
            Reply reply;
            try {
                reply = stage.apply(exchange);
            } catch (GatewayException e) {
                reply = Reply.problem(e);
            }
            if (reply != null) {
                return reply;
            }
        }
        return null;
    }

    /** The outbound phase: the reply as it will be written. */
    public Reply respond(Exchange exchange, Reply reply) {
        for (Outbound stage : outbound) {
            try {
                reply = stage.apply(exchange, reply);
            } catch (GatewayException e) {
                reply = Reply.problem(e);
            }
        }
        return reply;
    }
}

package dev.portico.filter;

import dev.portico.config.RateLimit;
import dev.portico.config.RouteDefinition;
import dev.portico.observe.Metrics;
import dev.portico.problem.GatewayException;
import dev.portico.ratelimit.RateLimiter;
import dev.portico.ratelimit.TokenBucket;
import dev.portico.reply.Reply;
import dev.portico.security.ClientAddress;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * SPEC §6: per route and consumer (the token's subject, else the client address), a token bucket in the
 * shared state. Every response of a limited route carries {@code RateLimit-Policy}, and once through the
 * limiter {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers); over the limit → 429 with
 * {@code Retry-After}, and no backend call.
 */
final class RateLimitStage implements Stage {
    private final RateLimiter limiter;
    private final Predicate<String> trustedProxy;
    private final MetricRegistry metrics;

    RateLimitStage(RateLimiter limiter, Predicate<String> trustedProxy, MetricRegistry metrics) {
        this.limiter = limiter;
        this.trustedProxy = trustedProxy;
        this.metrics = metrics;
    }

    /** Every response of a limited route says its policy, refusals before the limiter (401, 403) included. */
    static void announce(Exchange exchange) {
        RouteDefinition policy = exchange.route() == null ? null : exchange.route().policy();
        if (policy != null && policy.rateLimit() != null) {
            exchange.responseHeaders().putIfAbsent("RateLimit-Policy",
                    "\"" + policy.id() + "\";q=" + policy.rateLimit().limit() + ";w=" + policy.rateLimit().window().toSeconds());
        }
    }

    @Override
    public Reply apply(Exchange exchange) {
        RouteDefinition policy = exchange.route().policy();
        RateLimit limit = policy.rateLimit();
        if (limit == null) {
            return null;
        }
        String consumer = exchange.caller().authenticated() ? "sub:" + exchange.caller().subject()
                : "ip:" + ClientAddress.resolve(exchange.request().getRemoteAddr(), exchange.header("X-Forwarded-For"),
                        trustedProxy::test);
        TokenBucket.Decision decision = limiter.take(policy.id(), consumer, limit);
        if (decision == null) {
            return null;
        }
        exchange.responseHeaders().put("RateLimit",
                "\"" + policy.id() + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds());
        if (decision.allowed()) {
            return null;
        }
        rejected(policy.id()).inc();
        return Reply.problem(new GatewayException(429, "Too Many Requests",
                "This route allows " + limit.limit() + " requests per " + limit.window().toSeconds()
                + " s per consumer; try again in " + decision.retryAfter() + " s.",
                Map.of("Retry-After", Long.toString(decision.retryAfter()))));
    }

    private Counter rejected(String route) {
        return metrics.counter(Metrics.RATELIMIT_REJECTED, new Tag("route", route));
    }
}

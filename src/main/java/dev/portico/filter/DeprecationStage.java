package dev.portico.filter;

import dev.portico.config.RouteDefinition;
import dev.portico.reply.Reply;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A route with {@code sunset} is deprecated: its responses carry {@code Deprecation} (RFC 9745, since
 * this gateway started) and {@code Sunset} (RFC 8594).
 */
final class DeprecationStage implements Stage {
    private static final String SINCE = "@" + System.currentTimeMillis() / 1000;

    @Override
    public Reply apply(Exchange exchange) {
        RouteDefinition policy = exchange.route().policy();
        if (policy.sunset() != null) {
            exchange.responseHeaders().put("Deprecation", SINCE);
            exchange.responseHeaders().put("Sunset",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(policy.sunset().atStartOfDay(ZoneOffset.UTC)));
        }
        return null;
    }
}

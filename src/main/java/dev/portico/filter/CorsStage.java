package dev.portico.filter;

import dev.portico.config.RouteDefinition;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import dev.portico.route.GatewayRoute;
import dev.portico.route.RouteTable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CORS for routes that configure {@code cors.origins}: the gateway answers preflights itself (they never
 * reach a backend), refuses other origins with 403, and adds the CORS headers to allowed responses.
 * Routes without a policy are left alone (a backend may do its own CORS).
 */
final class CorsStage implements Stage {
    private final RouteTable table;

    CorsStage(RouteTable table) {
        this.table = table;
    }

    @Override
    public Reply apply(Exchange exchange) {
        String origin = exchange.header("Origin");
        if (origin == null) {
            return null;
        }
        String asked = exchange.header("Access-Control-Request-Method");
        boolean preflight = "OPTIONS".equals(exchange.method()) && asked != null;
        RouteTable.Result match = preflight ? table.match(asked, exchange.path()) : exchange.match();
        GatewayRoute route = match.found() ? match.route() : match.onPath();
        if (route == null || route.policy().cors() == null) {
            return null;
        }
        RouteDefinition policy = route.policy();
        try {
            if (preflight) {
                Map<String, String> headers = new LinkedHashMap<>(Cors.preflight(policy.cors(), route.methods(), origin,
                        asked, exchange.header("Access-Control-Request-Headers")));
                headers.put("Vary", "Origin");
                return Reply.empty(204, headers);
            }
            exchange.responseHeaders().putAll(Cors.actual(policy.cors(), origin));
            exchange.responseHeaders().put("Vary", "Origin");
            return null;
        } catch (GatewayException e) {
            return Reply.problem(e);
        }
    }
}

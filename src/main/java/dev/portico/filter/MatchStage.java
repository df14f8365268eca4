package dev.portico.filter;

import dev.portico.reply.Reply;
import dev.portico.route.RouteTable;

/**
 * Matches the request against the one route table, once. Nothing is refused here: the HTTPS redirect
 * and CORS come first and need to know the route (or its absence); {@link RouteStage} refuses.
 */
final class MatchStage implements Stage {
    private final RouteTable table;

    MatchStage(RouteTable table) {
        this.table = table;
    }

    @Override
    public Reply apply(Exchange exchange) {
        exchange.match(table.match(exchange.method(), exchange.path()));
        return null;
    }
}

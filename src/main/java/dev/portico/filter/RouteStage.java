package dev.portico.filter;

import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import dev.portico.route.GatewayRoute;
import java.util.Map;

/** 404 when no route has the path, 405 with {@code Allow} when none takes the method, 413 for a declared body over the limit. */
final class RouteStage implements Stage {

    @Override
    public Reply apply(Exchange exchange) {
        if (!exchange.match().found()) {
            if (exchange.match().allowed().isEmpty()) {
                return Reply.problem(404, "Not Found", "No route matches this path.");
            }
            return Reply.problem(new GatewayException(405, "Method Not Allowed", "This route does not accept this method.",
                    Map.of("Allow", String.join(", ", exchange.match().allowed()))));
        }
        GatewayRoute route = exchange.route();
        // HygieneStage has checked that it is one run of digits (however long: then it is just too large).
        String length = exchange.header("Content-Length");
        String digits = length == null ? null : length.split(",")[0].trim();
        if (digits != null && (digits.length() > 18 || Long.parseLong(digits) > route.policy().maxBody())) {
            return Reply.tooLarge(route.policy().maxBody());
        }
        return null;
    }
}

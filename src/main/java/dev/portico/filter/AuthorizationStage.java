package dev.portico.filter;

import dev.portico.config.RouteDefinition;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import dev.portico.security.Caller;
import java.util.Map;

/**
 * Applies the route's auth policy: 401 without a valid token, 403 without the role or when the owner
 * parameter (a path parameter, else a query parameter) names someone else.
 */
final class AuthorizationStage implements Stage {

    @Override
    public Reply apply(Exchange exchange) {
        RouteDefinition policy = exchange.route().policy();
        if (!policy.requiresToken()) {
            return null;
        }
        Caller caller = exchange.caller();
        if (!caller.authenticated()) {
            return Reply.problem(new GatewayException(401, "Unauthorized", "This route needs a bearer token.",
                    Map.of("WWW-Authenticate", AuthenticationStage.CHALLENGE)));
        }
        if (!caller.hasAnyRole(policy.roles())) {
            return Reply.problem(403, "Forbidden", "The token lacks a role this route needs.");
        }
        if (policy.ownerParam() != null && !caller.mayActFor(owner(exchange, policy.ownerParam()))) {
            return Reply.problem(403, "Forbidden", "The token's subject may not access another user's data.");
        }
        return null;
    }

    private static String owner(Exchange exchange, String param) {
        String value = exchange.params().get(param);
        return value != null ? value : Query.first(exchange.query(), param);
    }
}

package dev.portico.filter;

import dev.portico.backend.CallContext;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import dev.portico.security.Caller;
import dev.portico.security.InvalidToken;
import dev.portico.security.JwtVerifier;
import java.time.Instant;
import java.util.Map;

/**
 * Verifies a bearer token on any route (public ones included: a bad token is refused everywhere) and
 * sets the caller and the client type. Whether a route needs a token is {@link AuthorizationStage}'s call.
 */
final class AuthenticationStage implements Stage {
    static final String CHALLENGE = "Bearer realm=\"portico\"";

    private final JwtVerifier tokens;

    AuthenticationStage(JwtVerifier tokens) {
        this.tokens = tokens;
    }

    @Override
    public Reply apply(Exchange exchange) {
        String authorization = exchange.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                exchange.caller(tokens.verify(authorization.substring(7).trim(), Instant.now()));
            } catch (InvalidToken e) {
                return Reply.problem(new GatewayException(401, "Unauthorized", e.getMessage(),
                        Map.of("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"")));
            }
        }
        Caller caller = exchange.caller();
        exchange.clientType(CallContext.clientType(caller.clientType(), exchange.header("X-Client-Type")));
        return null;
    }
}

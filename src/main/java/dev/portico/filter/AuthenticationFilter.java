package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import dev.portico.security.Caller;
import dev.portico.security.InvalidToken;
import dev.portico.security.TokenAuthority;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Map;

/**
 * Verifies a bearer token on any route (public ones included: a bad token is refused everywhere) and
 * puts its caller in the security context. Whether a route needs one is the authorization step's call.
 */
@Provider
@Priority(FilterOrder.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {
    static final String CHALLENGE = "Bearer realm=\"portico\"";

    @Context
    ResourceInfo resource;

    @Inject
    GatewayConfig config;

    @Inject
    TokenAuthority tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        if (Routes.policy(request, resource, config) == null) {
            return; // not a gateway route (JAX-RS internals)
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        try {
            Caller caller = tokens.verify(authorization.substring(7).trim());
            request.setSecurityContext(new CallerContext(caller, request.getSecurityContext().isSecure()));
        } catch (InvalidToken e) {
            request.abortWith(Problems.response(new GatewayException(401, "Unauthorized", e.getMessage(),
                    Map.of(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\""))));
        }
    }

    /** The verified caller as JAX-RS sees it: its roles are the token's groups. */
    private record CallerContext(Caller caller, boolean isSecure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.roles().contains(role);
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}

package dev.portico.api;

import dev.portico.filter.Exchange;
import dev.portico.problem.Problem;
import dev.portico.problem.RequestIds;
import dev.portico.security.Caller;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.security.Principal;

/**
 * Hands a coded route's request, already through the gateway's pipeline, to its JAX-RS resource: the
 * routed (versioned) path, the request id, and the verified caller as the security context; on the way
 * out, problems get the request's id and path. Nothing else of the pipeline runs in JAX-RS.
 */
@Provider
@PreMatching
@Priority(1)
public class ExchangeBridge implements ContainerRequestFilter, ContainerResponseFilter {
    @Context
    HttpServletRequest servlet;

    @Override
    public void filter(ContainerRequestContext request) {
        Exchange exchange = Exchange.of(servlet);
        if (exchange == null) {
            return;
        }
        if (!exchange.path().equals(exchange.rawPath())) {
            URI uri = request.getUriInfo().getRequestUri();
            String query = uri.getRawQuery();
            request.setRequestUri(uri.resolve(exchange.path() + (query == null ? "" : "?" + query)));
        }
        request.getHeaders().putSingle(RequestIds.HEADER, exchange.requestId());
        request.setSecurityContext(new CallerContext(exchange.caller(), servlet.isSecure()));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Exchange exchange = Exchange.of(servlet);
        if (exchange != null && response.getEntity() instanceof Problem problem) {
            response.setEntity(problem.withContext(exchange.rawPath(), exchange.requestId()),
                    response.getEntityAnnotations(), response.getMediaType());
        }
    }

    /** The verified caller as JAX-RS sees it: its roles are the token's groups. */
    private record CallerContext(Caller caller, boolean isSecure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller.authenticated() ? caller : null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.roles().contains(role);
        }

        @Override
        public String getAuthenticationScheme() {
            return caller.authenticated() ? "Bearer" : null;
        }
    }
}

package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.RouteDefinition;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import dev.portico.route.RouteTable;
import dev.portico.security.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Applies the matched route's auth policy: 401 without a valid token, 403 without the role or
 * when the owner parameter names someone else. AuthenticationFilter has already verified any token.
 */
@Provider
@Priority(FilterOrder.AUTHORIZATION)
public class AuthorizationFilter implements ContainerRequestFilter {
    @Context
    ResourceInfo resource;

    @Inject
    GatewayConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        RouteDefinition policy = Routes.policy(request, resource, config);
        if (policy == null) {
            return; // not a gateway route (JAX-RS internals)
        }
        RouteTable.Result declared = Routes.declared(request);
        Caller caller = Caller.of(request.getSecurityContext());
        if (!policy.requiresToken()) {
            return;
        }
        if (!caller.authenticated()) {
            reject(request, 401, "This route needs a bearer token.", AuthenticationFilter.CHALLENGE);
            return;
        }
        if (!caller.hasAnyRole(policy.roles())) {
            reject(request, 403, "The token lacks a role this route needs.", null);
            return;
        }
        if (policy.ownerParam() != null && !caller.mayActFor(ownerValue(request.getUriInfo(), declared, policy.ownerParam()))) {
            reject(request, 403, "The token's subject may not access another user's data.", null);
        }
    }

    private static String ownerValue(UriInfo uri, RouteTable.Result declared, String param) {
        String value = declared != null ? declared.match().params().get(param) : uri.getPathParameters().getFirst(param);
        return value != null ? value : uri.getQueryParameters().getFirst(param);
    }

    private static void reject(ContainerRequestContext request, int status, String detail, String challenge) {
        String title = status == 401 ? "Unauthorized" : "Forbidden";
        request.abortWith(Problems.response(new GatewayException(status, title, detail,
                challenge == null ? Map.of() : Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge))));
    }
}

package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.HttpsDefinition;
import dev.portico.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * With {@code portico.https.redirect=true}, or on a route with {@code https-redirect=true}: plain HTTP gets a
 * 308 to the same path on the HTTPS port (before authentication, so no token is checked in the clear), and
 * HTTPS responses carry HSTS.
 */
@Provider
@PreMatching
@Priority(FilterOrder.HTTPS)
public class HttpsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    @Inject
    GatewayConfig config;

    @Context
    HttpServletRequest servlet;

    @Override
    public void filter(ContainerRequestContext request) {
        HttpsDefinition https = config.https();
        if (!config.httpsRequiredAnywhere() || secure(request) || !(https.redirect() || httpsOnlyRoute(request))) {
            return;
        }
        URI target = redirect(request.getUriInfo().getRequestUri(), https.port());
        request.abortWith(target == null
                ? Problems.response(400, "Bad request", "The request's Host is not a host name.")
                : Response.status(308, "Permanent Redirect").location(target).build());
    }

    /** The same host, path and query on the HTTPS port; null when the host is not a plain host name. */
    static URI redirect(URI uri, int httpsPort) {
        String host = uri.getHost();
        if (host == null || !HOST.matcher(host).matches()) {
            return null;
        }
        String port = httpsPort == 443 ? "" : ":" + httpsPort;
        return URI.create("https://" + host + port + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Over TLS to Liberty, or to a trusted proxy in front that says so (else a TLS-terminating LB would loop). */
    private boolean secure(ContainerRequestContext request) {
        return request.getSecurityContext().isSecure() || ("https".equalsIgnoreCase(request.getHeaderString("X-Forwarded-Proto"))
                && config.trustedProxy(servlet.getRemoteAddr()));
    }

    private boolean httpsOnlyRoute(ContainerRequestContext request) {
        Routes.Found route = Routes.beforeMatching(config, request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
        return route != null && route.policy().httpsOnly();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        HttpsDefinition https = config.https();
        if (config.httpsRequiredAnywhere() && secure(request) && (https.redirect() || httpsOnlyRoute(request))) {
            response.getHeaders().putSingle("Strict-Transport-Security",
                    "max-age=" + https.hstsMaxAge().toSeconds() + "; includeSubDomains");
        }
    }
}

package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.config.HttpsDefinition;
import dev.portico.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * With {@code portico.https.redirect=true}: plain HTTP gets a 308 to the same path on the HTTPS port
 * (before anything else is checked, so nothing is processed in the clear), and HTTPS responses carry HSTS.
 */
@Provider
@PreMatching
@Priority(FilterOrder.HTTPS)
public class HttpsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    @Inject
    GatewayConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        HttpsDefinition https = config.https();
        if (!https.redirect() || request.getSecurityContext().isSecure()) {
            return;
        }
        URI uri = request.getUriInfo().getRequestUri();
        String host = uri.getHost();
        if (host == null || !HOST.matcher(host).matches()) {
            request.abortWith(Problems.response(400, "Bad request", "The request's Host is not a host name."));
            return;
        }
        String port = https.port() == 443 ? "" : ":" + https.port();
        String target = "https://" + host + port + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        request.abortWith(Response.status(308, "Permanent Redirect").location(URI.create(target)).build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        HttpsDefinition https = config.https();
        if (https.redirect() && request.getSecurityContext().isSecure()) {
            response.getHeaders().putSingle("Strict-Transport-Security",
                    "max-age=" + https.hstsMaxAge().toSeconds() + "; includeSubDomains");
        }
    }
}

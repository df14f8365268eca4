package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * API versioning: an unversioned {@code /api/...} path is routed to {@code /api/v<N>/...}, where N
 * comes from the {@code Api-Version} header or else {@code portico.default-version}.
 * The seed's alias {@code /api/user/...} stays as it is.
 */
@Provider
@PreMatching
@Priority(FilterOrder.VERSION)
public class VersionFilter implements ContainerRequestFilter {
    public static final String HEADER = "Api-Version";

    @Inject
    GatewayConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        String header = request.getHeaderString(HEADER);
        String rewritten;
        try {
            rewritten = Versions.route(path, header, config.defaultVersion());
        } catch (IllegalArgumentException e) {
            request.abortWith(Problems.response(400, "Bad Request", e.getMessage()));
            return;
        }
        if (!rewritten.equals(path)) {
            String query = uri.getRawQuery();
            request.setRequestUri(uri.resolve(rewritten + (query == null ? "" : "?" + query)));
        }
    }
}

package dev.portico.filter;

import dev.portico.config.GatewayConfig;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Rejects ambiguous framing, oversized requests and malformed paths before routing, and drops
 * client-sent {@code X-Portico-*} headers.
 */
@Provider
@PreMatching
@Priority(FilterOrder.HYGIENE)
public class HygieneFilter implements ContainerRequestFilter {

    @Inject
    GatewayConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String rawUri = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Optional<GatewayException> framing = RequestCheck.problem(request.getHeaders(), rawUri, config.limits());
        if (framing.isPresent()) {
            request.abortWith(Problems.response(framing.get()));
            return;
        }
        Optional<String> bad = PathCheck.problem(uri.getRawPath());
        if (bad.isPresent()) {
            request.abortWith(Problems.response(400, "Bad request", bad.get()));
            return;
        }
        // Identity headers toward backends are the gateway's to set, never the client's.
        List<String> spoofed = request.getHeaders().keySet().stream()
                .filter(name -> name.regionMatches(true, 0, "X-Portico-", 0, 10)).toList();
        spoofed.forEach(request.getHeaders()::remove);
    }
}

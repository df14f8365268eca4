package dev.portico.filter;

import dev.portico.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;

/** Rejects malformed paths before routing and drops client-sent {@code X-Portico-*} headers. */
@Provider
@PreMatching
@Priority(FilterOrder.HYGIENE)
public class HygieneFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> bad = PathCheck.problem(request.getUriInfo().getRequestUri().getRawPath());
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

package dev.portico.filter;

import dev.portico.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every request an id: the client's if sane, else a new one. The request header is replaced
 * in place, so resources forward exactly this id to backends; every response echoes it, and
 * problem bodies carry it.
 */
@Provider
@PreMatching
@Priority(FilterOrder.REQUEST_ID)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String PROPERTY = "portico.requestId";

    @Override
    public void filter(ContainerRequestContext request) {
        String id = RequestIds.keepOrGenerate(request.getHeaderString(RequestIds.HEADER));
        request.getHeaders().putSingle(RequestIds.HEADER, id);
        request.setProperty(PROPERTY, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id == null) {
            id = RequestIds.keepOrGenerate(null);
        }
        response.getHeaders().putSingle(RequestIds.HEADER, id);
        if (response.getEntity() instanceof Problem problem) {
            response.setEntity(problem.withContext(request.getUriInfo().getRequestUri().getRawPath(), id.toString()),
                    response.getEntityAnnotations(), response.getMediaType());
        }
    }
}

package dev.portico.api;

import dev.portico.backend.Backend;
import dev.portico.backend.Backends;
import dev.portico.backend.CallContext;
import dev.portico.backend.ForwardHeaders;
import dev.portico.backend.Forwarder;
import dev.portico.backend.Outgoing;
import dev.portico.config.GatewayConfig;
import dev.portico.filter.RouteMatchFilter;
import dev.portico.problem.GatewayException;
import dev.portico.problem.Problems;
import dev.portico.route.DeclaredRoute;
import dev.portico.route.RouteTable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletionStage;

/**
 * The declared routes (SPEC §4): any request no coded resource takes lands here and is streamed
 * to the route's backend. {@code RouteMatchFilter} has already matched it (404/405/413) and the
 * authorization filter has applied its policy.
 */
@Path("/")
@ApplicationScoped
public class ProxyResource {
    /** Bodies up to this size are read whole, so an idempotent request can be retried; larger ones stream. */
    static final int REPLAYABLE_BODY = 256 * 1024;

    @Inject
    GatewayConfig config;
    @Inject
    Backends backends;
    @Inject
    Forwarder forwarder;

    @GET
    @Path("{any: .*}")
    public CompletionStage<Response> get(@Context HttpHeaders h, @Context UriInfo u, @Context SecurityContext s,
            @Context HttpServletRequest r, InputStream body) throws IOException {
        return forward("GET", h, u, s, r, body);
    }

    @HEAD
    @Path("{any: .*}")
    public CompletionStage<Response> head(@Context HttpHeaders h, @Context UriInfo u, @Context SecurityContext s,
            @Context HttpServletRequest r) throws IOException {
        return forward("HEAD", h, u, s, r, null);
    }

    @POST
    @Path("{any: .*}")
    public CompletionStage<Response> post(@Context HttpHeaders h, @Context UriInfo u, @Context SecurityContext s,
            @Context HttpServletRequest r, InputStream body) throws IOException {
        return forward("POST", h, u, s, r, body);
    }

    @PUT
    @Path("{any: .*}")
    public CompletionStage<Response> put(@Context HttpHeaders h, @Context UriInfo u, @Context SecurityContext s,
            @Context HttpServletRequest r, InputStream body) throws IOException {
        return forward("PUT", h, u, s, r, body);
    }

    @DELETE
    @Path("{any: .*}")
    public CompletionStage<Response> delete(@Context HttpHeaders h, @Context UriInfo u, @Context SecurityContext s,
            @Context HttpServletRequest r, InputStream body) throws IOException {
        return forward("DELETE", h, u, s, r, body);
    }

    @PATCH
    @Path("{any: .*}")
    public CompletionStage<Response> patch(@Context HttpHeaders h, @Context UriInfo u, @Context SecurityContext s,
            @Context HttpServletRequest r, InputStream body) throws IOException {
        return forward("PATCH", h, u, s, r, body);
    }

    @OPTIONS
    @Path("{any: .*}")
    public CompletionStage<Response> options(@Context HttpHeaders h, @Context UriInfo u, @Context SecurityContext s,
            @Context HttpServletRequest r, InputStream body) throws IOException {
        return forward("OPTIONS", h, u, s, r, body);
    }

    private CompletionStage<Response> forward(String method, HttpHeaders headers, UriInfo uri,
            SecurityContext security, HttpServletRequest servlet, InputStream body) throws IOException {
        // RouteMatchFilter matched it already; JAX-RS request properties are the servlet request's attributes.
        RouteTable.Result match = servlet.getAttribute(RouteMatchFilter.DECLARED) instanceof RouteTable.Result r ? r
                : config.routeTable().match(method, uri.getRequestUri().getRawPath());
        DeclaredRoute route = match.route();
        Backend backend = backends.get(route.backend());
        String query = uri.getRequestUri().getRawQuery();
        String path = route.backendPath().expand(match.match().params(), match.match().rest())
                + (query == null ? "" : "?" + query);
        String peer = servlet.getRemoteAddr();
        ForwardHeaders.Origin origin = new ForwardHeaders.Origin(peer, uri.getRequestUri().getScheme(),
                headers.getHeaderString(HttpHeaders.HOST), config.trustedProxy(peer));
        Outgoing outgoing = new Outgoing(method, path, ForwardHeaders.toBackend(headers.getRequestHeaders(), origin,
                backend.definition().forwardToken(), CallContext.of(headers, security)),
                null, null);
        long limit = route.policy().maxBody();
        Outgoing request = withBody(outgoing, headers, body, limit);
        return forwarder.forward(backend, request, route.policy().timeout())
                .handle((response, failure) -> {
                    if (failure == null) {
                        return relay(method, response);
                    }
                    if (request.stream() instanceof LimitedInputStream limited && limited.exceeded()) {
                        return Problems.response(413, "Content Too Large",
                                "The body may be at most " + limit + " bytes on this route.");
                    }
                    return Responses.failure(backend.id(), failure);
                });
    }

    private static Outgoing withBody(Outgoing request, HttpHeaders headers, InputStream body, long limit)
            throws IOException {
        int length = headers.getLength();
        boolean chunked = headers.getHeaderString("Transfer-Encoding") != null;
        if (body == null || (length <= 0 && !chunked)) {
            return request;
        }
        if (length > 0 && length <= REPLAYABLE_BODY) {
            return new Outgoing(request.method(), request.pathAndQuery(), request.headers(), body.readNBytes(length), null);
        }
        if (length <= 0) {
            // Chunked: read up to what would be buffered anyway. A body that ends there is sent whole (and
            // may be retried); one already over the limit is refused before any backend is contacted.
            byte[] head = body.readNBytes((int) Math.min(limit, REPLAYABLE_BODY) + 1);
            if (head.length > limit) {
                throw new GatewayException(413, "Content Too Large", "The body may be at most " + limit + " bytes on this route.");
            }
            if (head.length <= REPLAYABLE_BODY) {
                return new Outgoing(request.method(), request.pathAndQuery(), request.headers(), head, null);
            }
            body = new SequenceInputStream(new ByteArrayInputStream(head), body);
        }
        return new Outgoing(request.method(), request.pathAndQuery(), request.headers(), null,
                new LimitedInputStream(body, limit));
    }

    private static Response relay(String method, HttpResponse<InputStream> response) {
        Response.ResponseBuilder out = Response.status(response.statusCode());
        ForwardHeaders.toClient(response.headers().map()).forEach((name, values) -> values.forEach(v -> out.header(name, v)));
        InputStream body = response.body();
        if ("HEAD".equals(method)) {
            closeQuietly(body);
            return out.build();
        }
        StreamingOutput stream = output -> {
            try (body) {
                body.transferTo(output);
            }
        };
        return out.entity(stream).build();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to clean up beyond the dropped connection
        }
    }
}

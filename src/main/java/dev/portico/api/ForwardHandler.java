package dev.portico.api;

import dev.portico.backend.Backend;
import dev.portico.backend.BackendResponse;
import dev.portico.backend.BackendDirectory;
import dev.portico.backend.Deadline;
import dev.portico.backend.ForwardHeaders;
import dev.portico.backend.Forwarder;
import dev.portico.backend.HopByHop;
import dev.portico.backend.Outgoing;
import dev.portico.config.GatewayConfig;
import dev.portico.filter.Exchange;
import dev.portico.filter.RouteHandler;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Body;
import dev.portico.reply.Reply;
import dev.portico.route.GatewayRoute;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.util.function.Predicate;

/**
 * The forwarded routes (SPEC §4): the request, already through the pipeline, is streamed to the
 * route's backend through the one resilience stack; the reply carries the backend's status, end-to-end
 * headers and its body still to be read, which the writer relays as it arrives.
 */
@Dependent
public class ForwardHandler implements RouteHandler {
    /** Bodies up to this size are read whole, so an idempotent request can be retried; larger ones stream. */
    static final int REPLAYABLE_BODY = 256 * 1024;

    private Predicate<String> trustedProxies;
    @Inject
    BackendDirectory backends;
    @Inject
    Forwarder forwarder;

    @Inject
    void configure(GatewayConfig config) {
        trustedProxies = config.trustedProxies();
    }

    @Override
    public Reply handle(Exchange exchange) {
        GatewayRoute route = exchange.route();
        Backend backend = backends.get(route.backend());
        long limit = route.policy().maxBody();
        LimitedInputStream body = null;
        try {
            Outgoing request = outgoing(exchange, route, backend);
            body = exchange.request().getContentLengthLong() > 0 || exchange.header("Transfer-Encoding") != null
                    ? new LimitedInputStream(exchange.request().getInputStream(), limit) : null;
            request = withBody(request, exchange, body, limit);
            BackendResponse response = forwarder.call(backend, request, Deadline.of(exchange.startedNanos(), route.policy().timeout()));
            exchange.answeredBy(response.instance());
            return Reply.of(response.status(), HopByHop.endToEnd(response.headers()),
                    new Body.Stream(response.body(), response.contentLength(), response, backend.id()));
        } catch (GatewayException e) {
            return clientFault(body, limit, Reply.problem(e));
        } catch (IOException e) {
            Reply fault = clientFault(body, limit, null);
            return fault != null ? fault
                    : Reply.problem(502, "Bad Gateway", "The " + backend.id() + " service broke off its answer.");
        }
    }

    private Outgoing outgoing(Exchange exchange, GatewayRoute route, Backend backend) {
        String query = exchange.query();
        String path = route.backendPath().expand(exchange.params(), exchange.match().match().rest())
                + (query == null ? "" : "?" + query);
        String peer = exchange.request().getRemoteAddr();
        ForwardHeaders.Origin origin = new ForwardHeaders.Origin(peer, exchange.request().getScheme(),
                exchange.header("Host"), trustedProxies.test(peer));
        return Outgoing.of(exchange.method(), path, ForwardHeaders.toBackend(exchange.headers(), origin,
                backend.definition().forwardToken(), exchange.callContext()));
    }

    /**
     * Small bodies are read whole (a retry can resend them); a chunked one is read up to what would be
     * buffered anyway, so one over the limit is refused before any backend is contacted. Larger ones stream.
     */
    private static Outgoing withBody(Outgoing request, Exchange exchange, LimitedInputStream body, long limit)
            throws IOException {
        if (body == null) {
            return request;
        }
        long length = exchange.request().getContentLengthLong();
        if (length > 0 && length <= REPLAYABLE_BODY) {
            return request.withBody(body.readNBytes((int) length));
        }
        if (length > 0) {
            return request.withStream(body, length);
        }
        byte[] head = body.readNBytes((int) Math.min(limit, REPLAYABLE_BODY) + 1);
        if (head.length <= REPLAYABLE_BODY) {
            return request.withBody(head);
        }
        return request.withStream(new SequenceInputStream(new ByteArrayInputStream(head), body), -1);
    }

    /** A failure that was the client's doing: its body over the limit (413) or broken (400); else {@code otherwise}. */
    private static Reply clientFault(LimitedInputStream body, long limit, Reply otherwise) {
        if (body != null && body.exceeded()) {
            return Reply.tooLarge(limit);
        }
        if (body != null && body.broken()) {
            return Reply.problem(400, "Bad request", "The request body could not be read (broken framing or a reset).");
        }
        return otherwise;
    }
}

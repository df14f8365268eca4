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
import dev.portico.filter.Answer;
import dev.portico.filter.Exchange;
import dev.portico.filter.GatewayFilter;
import dev.portico.filter.RouteHandler;
import dev.portico.problem.GatewayException;
import dev.portico.route.GatewayRoute;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The declared routes (SPEC §4): the request, already through the pipeline, is streamed to the
 * route's backend and the answer streamed back as it arrives (status, end-to-end headers, body),
 * through the one resilience stack.
 */
@Dependent
public class ForwardHandler implements RouteHandler {
    /** Bodies up to this size are read whole, so an idempotent request can be retried; larger ones stream. */
    static final int REPLAYABLE_BODY = 256 * 1024;
    private static final int CHUNK = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(ForwardHandler.class.getName());

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
    public void handle(Exchange exchange) throws IOException {
        GatewayRoute route = exchange.route();
        Backend backend = backends.get(route.backend());
        long limit = route.policy().maxBody();
        LimitedInputStream body = null;
        try {
            Outgoing request = outgoing(exchange, route, backend);
            body = exchange.request().getContentLengthLong() > 0 || exchange.header("Transfer-Encoding") != null
                    ? new LimitedInputStream(exchange.request().getInputStream(), limit) : null;
            request = withBody(request, exchange, body, limit);
            try (BackendResponse response = forwarder.call(backend, request, Deadline.of(exchange.startedNanos(), route.policy().timeout()))) {
                relay(exchange, response);
            }
        } catch (GatewayException e) {
            GatewayFilter.send(exchange, clientFault(body, limit, Answer.of(e)));
        } catch (IOException e) {
            if (exchange.response().isCommitted()) {
                // The client or the backend went away mid-stream: the answer is cut off, nothing more can be
                // said, and a stack trace per broken download would only fill the log.
                LOG.log(Level.FINE, "Relay of {0} broken off: {1}", new Object[] {exchange.requestId(), e.toString()});
                return;
            }
            Answer fault = clientFault(body, limit, null);
            exchange.response().reset();
            GatewayFilter.send(exchange, fault != null ? fault
                    : Answer.problem(502, "Bad Gateway", "The " + backend.id() + " service broke off its answer."));
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
    private static Answer clientFault(LimitedInputStream body, long limit, Answer otherwise) {
        if (body != null && body.exceeded()) {
            return Answer.tooLarge(limit);
        }
        if (body != null && body.broken()) {
            return Answer.problem(400, "Bad request", "The request body could not be read (broken framing or a reset).");
        }
        return otherwise;
    }

    /** Status, end-to-end headers and the body as it comes: each chunk is flushed once no more is waiting. */
    private static void relay(Exchange exchange, BackendResponse response) throws IOException {
        HttpServletResponse out = exchange.response();
        out.setStatus(response.status());
        for (Map.Entry<String, List<String>> header : HopByHop.endToEnd(response.headers()).entrySet()) {
            for (String value : header.getValue()) {
                out.addHeader(header.getKey(), value);
            }
        }
        exchange.applyResponseHeaders();
        if (response.contentLength() >= 0) {
            out.setContentLengthLong(response.contentLength());
        }
        InputStream body = response.body();
        if (body == null || "HEAD".equals(exchange.method())) {
            return;
        }
        ServletOutputStream sink = out.getOutputStream();
        // Sized to the body when it is smaller: a 16 KiB buffer per 1 KiB answer was ~45 % of all allocation.
        long length = response.contentLength();
        byte[] buffer = new byte[length >= 0 && length < CHUNK ? (int) Math.max(1, length) : CHUNK];
        long sent = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            sink.write(buffer, 0, n);
            sent += n;
            // The last chunk of a body of known length is not flushed here: the container sends it with the
            // end of the response, in the same write.
            if (sent != length && body.available() == 0) {
                sink.flush();
            }
        }
    }
}

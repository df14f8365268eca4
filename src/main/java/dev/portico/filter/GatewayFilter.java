package dev.portico.filter;

import dev.portico.health.Drain;
import dev.portico.observe.Tracing;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import dev.portico.route.GatewayRoute;
import io.opentelemetry.context.Scope;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's entry: every request to the application walks the one {@link Pipeline}; if it is let
 * through, its route's {@link RouteHandler} answers it; the reply, whichever it is, walks the outbound
 * phase and is written by the one {@link ReplyWriter}; then it is observed. Served right here in the
 * servlet layer (JAX-RS per request cost more than the forwarding itself; README, "How a request goes").
 */
@WebFilter(urlPatterns = "/*", filterName = "portico-gateway", asyncSupported = true)
public class GatewayFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(GatewayFilter.class.getName());

    @Inject
    Pipeline pipeline;
    @Inject
    RouteHandlers handlers;
    @Inject
    Observer observer;
    @Inject
    Drain drain;
    @Inject
    Tracing tracing;

    private Drain.Gate gate;

    @Override
    public void init() {
        gate = drain.gate();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        gate.enter();
        try {
            serve(request, response);
        } finally {
            gate.leave();
        }
    }

    private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Exchange exchange = new Exchange(request, response);
        Reply reply = pipeline.run(exchange);
        GatewayRoute route = exchange.route();
        try (Scope traced = !Tracing.on() ? null
                : tracing.enter(request, route == null ? null : route.id(), route == null ? null : route.path().toString())) {
            answer(exchange, reply, response);
        }
    }

    private void answer(Exchange exchange, Reply reply, HttpServletResponse response) throws IOException {
        boolean handled = reply == null;
        if (handled) {
            try {
                reply = handlers.forRoute(exchange.route()).handle(exchange);
            } catch (GatewayException e) {
                reply = Reply.problem(e);
            }
        }
        if (gate.draining()) { // the node is leaving: a keep-alive client reconnects, to another node
            response.setHeader("Connection", "close");
        }
        int status = ReplyWriter.write(exchange, pipeline.respond(exchange, reply));
        observer.done(exchange, status, handled);
        Runnable after = exchange.after();
        if (after != null) {
            response.flushBuffer(); // the client has all of its answer before the work behind it starts
            try {
                after.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Portico: work after request {0} failed: {1}", new Object[] {exchange.requestId(), e});
            }
        }
    }
}

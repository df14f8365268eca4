package dev.portico.filter;

import dev.portico.problem.Problem;
import dev.portico.problem.ProblemWriter;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's entry: every request to the application walks the one {@link Pipeline}, then goes to
 * its route's handler. Declared routes and the aggregates are served by their {@link RouteHandler} right
 * here, in the servlet layer (JAX-RS per request cost more than the forwarding itself; README, "How a
 * request goes"); the other coded routes continue to their JAX-RS resource, which finds the exchange in a
 * request attribute.
 */
@WebFilter(urlPatterns = "/*", filterName = "portico-gateway", asyncSupported = true)
public class GatewayFilter extends HttpFilter {
    @Inject
    Pipeline pipeline;
    @Inject
    RouteHandlers handlers;
    @Inject
    Observer observer;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Exchange exchange = new Exchange(request, response);
        request.setAttribute(Exchange.ATTRIBUTE, exchange);
        Answer answer = pipeline.run(exchange);
        if (answer != null) {
            send(exchange, answer);
            observer.done(exchange, answer.status(), null);
            return;
        }
        RouteHandler handler = handlers.forRoute(exchange.route());
        if (handler != null) {
            try {
                handler.handle(exchange);
            } finally {
                observer.done(exchange, response.getStatus(), exchange.route().backend());
            }
            return;
        }
        exchange.applyResponseHeaders();
        chain.doFilter(request, response);
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new Done(exchange));
        } else {
            observer.done(exchange, response.getStatus(), null);
        }
    }

    /** Writes the gateway's own answer, with the headers every response to the request carries. */
    public static void send(Exchange exchange, Answer answer) throws IOException {
        HttpServletResponse response = exchange.response();
        response.setStatus(answer.status());
        exchange.applyResponseHeaders();
        answer.headers().forEach(response::setHeader);
        if (answer.problem() == null) {
            response.setContentLength(0);
            return;
        }
        Problem problem = answer.problem().withContext(exchange.rawPath(), exchange.requestId());
        byte[] body = ProblemWriter.json(problem).getBytes(StandardCharsets.UTF_8);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Observes a coded route's response once its asynchronous resource has finished. */
    private final class Done implements AsyncListener {
        private final Exchange exchange;

        Done(Exchange exchange) {
            this.exchange = exchange;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            observer.done(exchange, exchange.response().getStatus(), null);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}

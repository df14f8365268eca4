package dev.portico.filter;

import dev.portico.reply.Reply;

/**
 * Serves a route once the pipeline has let its request through: calls its backend(s) and returns the
 * reply, which the outbound phase then sees. A {@code GatewayException} thrown here becomes its problem.
 */
public interface RouteHandler {
    Reply handle(Exchange exchange);
}

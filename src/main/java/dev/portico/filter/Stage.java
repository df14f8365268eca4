package dev.portico.filter;

import dev.portico.reply.Reply;

/**
 * One step of the pipeline (SPEC §3). It looks at the exchange, may add to it, and either lets the
 * request go on (null) or ends it with an answer; throwing a {@code GatewayException} ends it with that problem.
 */
@FunctionalInterface
public interface Stage {
    Reply apply(Exchange exchange);
}

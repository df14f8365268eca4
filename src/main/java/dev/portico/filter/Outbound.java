package dev.portico.filter;

import dev.portico.reply.Reply;

/**
 * One step of the outbound phase (SPEC §3: after the handler, before the client): it sees every route
 * kind's reply, gateway problems included, and returns it, changed or another.
 */
@FunctionalInterface
public interface Outbound {
    Reply apply(Exchange exchange, Reply reply);
}

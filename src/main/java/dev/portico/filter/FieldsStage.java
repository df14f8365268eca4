package dev.portico.filter;

import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import dev.portico.transform.BodyRules;
import dev.portico.transform.FieldsMask;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code ?fields=} on a route with {@code fields=on} (SPEC §10): the mask is parsed and checked against what
 * the route lets through for the caller's client type before any backend is called (a bad one is a 400 that
 * names it), kept for the outbound phase, and taken out of the query the backend and the cache see: the
 * backend answers in full once, and each client gets its projection.
 */
final class FieldsStage implements Stage {
    static final String PARAM = "fields";

    @Override
    public Reply apply(Exchange exchange) {
        if (exchange.route() == null || !exchange.route().policy().transform().body().fields()) {
            return null;
        }
        String query = exchange.query();
        if (query == null || !query.contains(PARAM + "=")) {
            return null;
        }
        StringBuilder rest = new StringBuilder();
        String mask = null;
        for (String pair : query.split("&", -1)) {
            if (pair.startsWith(PARAM + "=")) {
                if (mask != null) {
                    throw GatewayException.badRequest("Give one fields parameter (nest selections instead: a(b,c)).");
                }
                mask = decode(pair.substring(PARAM.length() + 1));
            } else {
                rest.append(rest.length() == 0 ? "" : "&").append(pair);
            }
        }
        if (mask == null) {
            return null; // "myfields=…": not ours
        }
        BodyRules rules = exchange.route().policy().transform().body();
        try {
            List<List<String>> paths = FieldsMask.parse(mask);
            rules.check(paths, exchange.clientType());
            exchange.mask(FieldsMask.selection(paths));
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest("Bad fields parameter: " + e.getMessage() + ".");
        }
        exchange.query(rest.length() == 0 ? null : rest.toString());
        return null;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest("The fields parameter is not percent-encoded correctly.");
        }
    }
}

package dev.portico.filter;

import dev.portico.config.Limits;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request as it came off the wire, before anything routes on it (SPEC §11): a sane {@code Host}
 * (RFC 9110 §7.2; required on HTTP/1.1), unambiguous framing, sizes within the limits, header values
 * without control characters, and a path and query that cannot be read two ways.
 */
final class HygieneStage implements Stage {
    private static final Pattern HOST = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\\.?|\\[[0-9A-Fa-f:.]{2,45}\\])"
            + "(:[0-9]{1,5})?");

    private final Limits limits;
    private volatile String lastGoodHost;

    HygieneStage(Limits limits) {
        this.limits = limits;
    }

    @Override
    public Reply apply(Exchange exchange) {
        String host = exchange.header("Host");
        if (host == null && "HTTP/1.1".equals(exchange.request().getProtocol())) {
            return Reply.problem(400, "Bad request", "An HTTP/1.1 request needs a Host header.");
        }
        if (host != null && !host.equals(lastGoodHost)) {
            if (!HOST.matcher(host).matches()) {
                return Reply.problem(400, "Bad request", "The Host header is not a host name with an optional port.");
            }
            lastGoodHost = host; // clients send the same Host again and again: one regex match per change
        }
        String query = exchange.query();
        String rawUri = exchange.rawPath() + (query == null ? "" : "?" + query);
        Optional<GatewayException> framing = RequestCheck.problem(exchange.headers(), rawUri, limits);
        if (framing.isPresent()) {
            return Reply.problem(framing.get());
        }
        Optional<String> bad = PathCheck.problem(exchange.rawPath()).or(() -> PathCheck.queryProblem(query));
        return bad.map(detail -> Reply.problem(400, "Bad request", detail)).orElse(null);
    }
}

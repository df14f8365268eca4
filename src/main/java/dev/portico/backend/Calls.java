package dev.portico.backend;

import dev.portico.problem.GatewayException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP calls of composed routes (REST and GraphQL over HTTP), through the same stack as forwarded
 * routes, on the caller's thread.
 */
@Dependent
public class Calls {
    @Inject
    BackendDirectory backends;
    @Inject
    Forwarder forwarder;
    /**
     * Sends a request with the gateway's context headers and reads the answer whole, on the caller's thread.
     *
     * @param body     a JSON body to send, or null
     * @param deadline the request's deadline: the call, retries included, gets what is left of it
     */
    public BackendReply call(String backendId, String method, String pathAndQuery, String body, CallContext ctx,
            Deadline deadline) {
        Backend backend = backends.get(backendId);
        Outgoing request = Outgoing.of(method, pathAndQuery, headers(ctx, body != null, backend.definition().forwardToken()));
        Outgoing withBody = body == null ? request : request.withBody(body.getBytes(StandardCharsets.UTF_8));
        try {
            return forwarder.call(backend, withBody, deadline).readWhole();
        } catch (IOException e) {
            throw new GatewayException(502, "Bad Gateway", "The " + backendId + " service broke off its answer.");
        }
    }

    private static Map<String, List<String>> headers(CallContext ctx, boolean json, boolean forwardToken) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("application/json"));
        if (json) {
            headers.put("Content-Type", List.of("application/json"));
        }
        ctx.addCallHeadersTo(headers, forwardToken);
        return headers;
    }
}

package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.BackendReply;
import dev.portico.backend.CallContext;
import dev.portico.backend.Calls;
import dev.portico.backend.Deadline;
import dev.portico.compose.Call;
import dev.portico.compose.Invoker;
import dev.portico.problem.GatewayException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.function.Function;

/** A REST part: a GET of its path; 404 stays 404, any other non-2xx or a body that is not JSON is a 502. */
@Dependent
public class RestInvoker implements Invoker {
    @Inject
    Calls calls;

    @Override
    public JsonValue invoke(Call call, Function<String, JsonValue> values, CallContext ctx, Deadline deadline) {
        String backend = call.backend();
        BackendReply reply = calls.call(backend, "GET", call.path().url(values), null, ctx, deadline);
        if (reply.status() == 404) {
            throw new GatewayException(404, "Not Found", "The " + backend + " service has no such resource.");
        }
        if (!reply.ok()) {
            throw new GatewayException(502, "Bad Gateway", "The " + backend + " service answered " + reply.status() + ".");
        }
        try {
            return JSON.createReader(new StringReader(reply.body())).readValue();
        } catch (JsonException e) {
            throw new GatewayException(502, "Bad Gateway", "The " + backend + " service answered with invalid JSON.");
        }
    }
}

package dev.portico.graphql;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.CallContext;
import dev.portico.backend.Calls;
import dev.portico.backend.Deadline;
import dev.portico.compose.Call;
import dev.portico.compose.Invoker;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A GraphQL call: the configured query or mutation, its variables filled from the request, POSTed to the
 * backend (GraphQL over HTTP; a mutation is never retried once sent). Errors are classified here
 * ({@link GraphQLResults}); the answer is its {@code data}.
 */
@Dependent
public class GraphQLInvoker implements Invoker {
    @Inject
    Calls calls;

    private static final Map<String, String> QUOTED = new ConcurrentHashMap<>();

    @Override
    public JsonValue invoke(Call call, Function<String, JsonValue> values, CallContext ctx, Deadline deadline) {
        JsonObjectBuilder variables = JSON.createObjectBuilder();
        call.args().forEach((name, template) -> variables.add(name, template.json(values)));
        // The document as a JSON string once, not escaped again on every request (~2 % of an aggregate's CPU).
        String document = QUOTED.computeIfAbsent(call.document(), d -> JSON.createValue(d).toString());
        String request = "{\"query\":" + document + ",\"variables\":" + variables.build() + "}";
        return GraphQLResults.data(call.backend(), calls.call(call.backend(), "POST", "", request, ctx, deadline));
    }
}

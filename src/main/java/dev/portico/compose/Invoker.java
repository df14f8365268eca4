package dev.portico.compose;

import dev.portico.backend.CallContext;
import dev.portico.backend.Deadline;
import jakarta.json.JsonValue;
import java.util.function.Function;

/** Makes one configured backend call in its protocol, through the resilience stack, on the caller's thread. */
public interface Invoker {

    /**
     * @param values   the value of each placeholder its templates name
     * @return the answer as JSON (GraphQL: its {@code data}), before the call's result path is applied
     * @throws dev.portico.problem.GatewayException for the backend's refusal or failure, already mapped
     */
    JsonValue invoke(Call call, Function<String, JsonValue> values, CallContext ctx, Deadline deadline);
}

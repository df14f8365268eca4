package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.backend.CallContext;
import dev.portico.backend.Deadline;
import dev.portico.backend.Failures;
import dev.portico.backend.PartThreads;
import dev.portico.compose.Call;
import dev.portico.compose.Composition;
import dev.portico.compose.Inputs;
import dev.portico.compose.Invoker;
import dev.portico.compose.Part;
import dev.portico.filter.Exchange;
import dev.portico.filter.Query;
import dev.portico.filter.RouteHandler;
import dev.portico.graphql.GraphQLInvoker;
import dev.portico.grpc.GrpcInvoker;
import dev.portico.problem.GatewayException;
import dev.portico.reply.Reply;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The composed routes (SPEC §9): a translated route's one call, or an aggregate's parts, run in
 * parallel unless one waits for another, all under the route's one deadline, and combined by the pure
 * {@link Composition}. The last part that waits for nothing runs on the request's own thread, the
 * others on part threads.
 */
@Dependent
public class Composer implements RouteHandler {
    @Inject
    RestInvoker rest;
    @Inject
    GraphQLInvoker graphql;
    @Inject
    GrpcInvoker grpc;
    @Inject
    PartThreads threads;

    private Executor parts;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        parts = threads.executor();
    }

    @Override
    public Reply handle(Exchange exchange) {
        GatewayRoute route = exchange.route();
        Handling.Compose handling = (Handling.Compose) route.handling();
        Inputs inputs = inputs(exchange, handling);
        // Every value the calls need is checked before any is made: a bad one reaches no backend.
        for (String variable : handling.inputs()) {
            inputs.value(variable, null);
        }
        Deadline deadline = Deadline.of(exchange.startedNanos(), route.policy().timeout());
        CallContext ctx = exchange.callContext();
        if (!handling.aggregate()) {
            Part only = handling.parts().get(0);
            JsonValue value = Composition.result(only.call(), run(only.call(), inputs, null, ctx, deadline));
            return Reply.json(handling.status(), value);
        }
        Map<String, CompletableFuture<JsonValue>> running = start(handling.parts(), inputs, ctx, deadline);
        try {
            CompletableFuture.allOf(running.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline.remaining().toNanos()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // Each part's own outcome is looked at below; one not done by now has run out of time.
        }
        Composition.Result result = Composition.combine(handling.parts(), running);
        return Reply.json(handling.status(), result.body()).complete(result.complete());
    }

    /** Starts every part once the parts it waits for are done; the parts are in dependency order. */
    private Map<String, CompletableFuture<JsonValue>> start(List<Part> all, Inputs inputs, CallContext ctx,
            Deadline deadline) {
        Map<String, CompletableFuture<JsonValue>> running = new HashMap<>();
        Map<String, Part> byName = new HashMap<>();
        Part inline = null;
        for (Part part : all) {
            byName.put(part.name(), part);
            if (part.after().isEmpty()) {
                inline = part;
            }
        }
        CompletableFuture<JsonValue> here = new CompletableFuture<>();
        running.put(inline.name(), here);
        for (Part part : all) {
            if (part != inline) {
                CompletableFuture<?>[] waits = part.after().stream().map(running::get).toArray(CompletableFuture[]::new);
                running.put(part.name(), CompletableFuture.allOf(waits).handle((ignored, failure) -> null)
                        .thenApplyAsync(ignored -> runPart(part, byName, inputs, running, ctx, deadline), parts));
            }
        }
        try {
            here.complete(runPart(inline, byName, inputs, running, ctx, deadline));
        } catch (RuntimeException e) {
            here.completeExceptionally(e);
        }
        return running;
    }

    private JsonValue runPart(Part part, Map<String, Part> byName, Inputs inputs,
            Map<String, CompletableFuture<JsonValue>> running, CallContext ctx, Deadline deadline) {
        Map<String, JsonValue> earlier = new HashMap<>();
        for (String dependency : part.after()) {
            CompletableFuture<JsonValue> done = running.get(dependency);
            if (done.isCompletedExceptionally()) {
                throw new GatewayException(502, "Bad Gateway", "The part '" + dependency + "' it needs failed.");
            }
            earlier.put(byName.get(dependency).into().toString(), done.join()); // as it is in the body
        }
        JsonArray collected = part.collecting() ? Composition.collect(part, earlier) : null;
        if (collected != null && collected.isEmpty()) {
            return JSON.createArrayBuilder().build(); // nothing to look up
        }
        return Composition.result(part.call(), run(part.call(), inputs, collected, ctx, deadline));
    }

    private JsonValue run(Call call, Inputs inputs, JsonArray collected, CallContext ctx, Deadline deadline) {
        Invoker invoker = switch (call.kind()) {
            case REST -> rest;
            case GRPC -> grpc;
            case GRAPHQL -> graphql;
        };
        try {
            return invoker.invoke(call, name -> inputs.value(name, collected), ctx, deadline);
        } catch (RuntimeException e) {
            throw Failures.toProblem(call.backend(), e);
        }
    }

    /** What the calls are filled from; the body is read (within the route's limit) only if there is one. */
    private Inputs inputs(Exchange exchange, Handling.Compose handling) {
        GatewayRoute route = exchange.route();
        String rawQuery = exchange.query();
        Pattern pattern = patterns.computeIfAbsent(route.policy().paramPattern(), Pattern::compile);
        return new Inputs(exchange.params(), name -> Query.first(rawQuery, name), body(exchange, handling),
                exchange.caller().subject(), exchange.clientType(), pattern);
    }

    private static JsonValue body(Exchange exchange, Handling.Compose handling) {
        if (exchange.request().getContentLengthLong() <= 0 && exchange.header("Transfer-Encoding") == null) {
            return null;
        }
        long limit = exchange.route().policy().maxBody();
        LimitedInputStream in = null;
        String text;
        try {
            in = new LimitedInputStream(exchange.request().getInputStream(), limit);
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit + 1));
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (in == null || !in.exceeded()) {
                throw GatewayException.badRequest("The request body could not be read (broken framing or a reset).");
            }
            text = null;
        }
        if (in.exceeded()) {
            throw new GatewayException(413, "Content Too Large", "The body may be at most " + limit + " bytes on this route.");
        }
        if (text.isBlank()) {
            return null;
        }
        if ("order".equals(handling.bodyCheck())) {
            return OrderInput.parse(text, exchange.caller());
        }
        try {
            return JSON.createReader(new StringReader(text)).readValue();
        } catch (JsonException e) {
            throw GatewayException.badRequest("The body must be JSON.");
        }
    }
}

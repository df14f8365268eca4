package dev.portico.openapi;

import static org.eclipse.microprofile.openapi.OASFactory.createAPIResponse;
import static org.eclipse.microprofile.openapi.OASFactory.createAPIResponses;
import static org.eclipse.microprofile.openapi.OASFactory.createContent;
import static org.eclipse.microprofile.openapi.OASFactory.createMediaType;
import static org.eclipse.microprofile.openapi.OASFactory.createOperation;
import static org.eclipse.microprofile.openapi.OASFactory.createParameter;
import static org.eclipse.microprofile.openapi.OASFactory.createPathItem;
import static org.eclipse.microprofile.openapi.OASFactory.createPaths;
import static org.eclipse.microprofile.openapi.OASFactory.createRequestBody;
import static org.eclipse.microprofile.openapi.OASFactory.createSecurityRequirement;

import com.google.protobuf.Descriptors.Descriptor;
import dev.portico.compose.Call;
import dev.portico.compose.Part;
import dev.portico.config.RouteDefinition;
import dev.portico.route.GatewayRoute;
import dev.portico.route.Handling;
import dev.portico.route.RouteTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The OpenAPI document of a route table: one path per route path, one operation per method (the first
 * route that takes a method on a path answers it, as in matching), each with its path parameters, its
 * security (bearer JWT where the route needs a token), the RFC 9457 problems it can answer with, what a
 * success looks like where the gateway makes the body (aggregates, translated calls, its own routes), and
 * its policies as {@code x-portico-*} extensions (route id, backend, roles, rate limit, deadline, body
 * limit, cache, sunset). The shared parts (problem schema, error responses, security scheme) are
 * {@link Components}.
 */
final class RouteDocument {
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final RouteTable table;
    private final Function<Call, Optional<Descriptor>> grpcResponses;
    private final ProtoSchemas messages = new ProtoSchemas();

    /**
     * @param grpcResponses the response message of a gRPC call, when its method is known (learned by
     *                      reflection at start-up); empty otherwise, and the response is described as any JSON
     */
    RouteDocument(RouteTable table, Function<Call, Optional<Descriptor>> grpcResponses) {
        this.table = table;
        this.grpcResponses = grpcResponses;
    }

    OpenAPI build() {
        Paths paths = createPaths();
        Map<String, PathItem> items = new LinkedHashMap<>();
        for (GatewayRoute route : table.routes()) {
            OpenApiPath path = OpenApiPath.of(route.path());
            PathItem item = items.computeIfAbsent(path.text(), p -> createPathItem());
            for (String method : route.methods().stream().sorted().toList()) {
                PathItem.HttpMethod verb = PathItem.HttpMethod.valueOf(method);
                if (!item.getOperations().containsKey(verb)) { // matched in order: the first route takes it
                    item.setOperation(verb, operation(route, method, path));
                }
            }
        }
        items.forEach(paths::addPathItem);
        return Components.document(paths, messages.schemas());
    }

    private Operation operation(GatewayRoute route, String method, OpenApiPath path) {
        RouteDefinition policy = route.policy();
        Operation operation = createOperation()
                .operationId(route.id() + "-" + method.toLowerCase(Locale.ROOT))
                .summary(summary(route))
                .addTag(kind(route.handling()))
                .responses(responses(route, method));
        for (String name : path.params()) {
            Parameter parameter = createParameter().name(name).in(Parameter.In.PATH).required(true)
                    .schema(Components.string(route.handling() instanceof Handling.Compose ? policy.paramPattern() : null));
            if (name.equals(path.rest())) {
                parameter.description("The rest of the path (it may hold '/'); relayed to the backend after "
                        + route.backendPath());
            }
            operation.addParameter(parameter);
        }
        if (policy.transform().body().fields()) {
            operation.addParameter(createParameter().name("fields").in(Parameter.In.QUERY).required(false)
                    .description("The fields of the answer to keep, e.g. user/name,orders(id,status) (Google's partial-response syntax)")
                    .schema(Components.string(null)));
        }
        if (WITH_BODY.contains(method)) {
            operation.requestBody(createRequestBody().required(route.handling() instanceof Handling.Compose)
                    .description("At most " + policy.maxBody() + " bytes")
                    .content(createContent().addMediaType("*/*", createMediaType().schema(Components.any()))));
        }
        if (policy.requiresToken()) {
            operation.addSecurityRequirement(createSecurityRequirement().addScheme(Components.BEARER));
        } else {
            operation.security(List.of());
        }
        extensions(operation, route);
        return operation;
    }

    private static void extensions(Operation operation, GatewayRoute route) {
        RouteDefinition policy = route.policy();
        operation.addExtension("x-portico-route", route.id());
        if (route.backend() != null) {
            operation.addExtension("x-portico-backend", route.backend());
        }
        if (!policy.roles().isEmpty()) {
            operation.addExtension("x-portico-roles", policy.roles().stream().sorted().toList());
        }
        if (policy.rateLimit() != null) {
            operation.addExtension("x-portico-rate-limit", Map.of("limit", policy.rateLimit().limit(),
                    "windowSeconds", policy.rateLimit().window().toSeconds()));
        }
        operation.addExtension("x-portico-timeout-ms", policy.timeout().toMillis());
        operation.addExtension("x-portico-max-body", policy.maxBody());
        if (policy.cache() != null) {
            operation.addExtension("x-portico-cache", policy.cache().ttl() == null
                    ? Map.of("ttl", "the backend's Cache-Control") : Map.of("ttlSeconds", policy.cache().ttl().toSeconds()));
        }
        if (policy.sunset() != null) {
            operation.deprecated(true);
            operation.addExtension("x-portico-sunset", policy.sunset().toString());
        }
    }

    private static String summary(GatewayRoute route) {
        Handling handling = route.handling();
        if (handling instanceof Handling.Forward f) {
            return "Forwarded to " + f.backend() + " at " + f.backendPath();
        }
        if (handling instanceof Handling.Compose c) {
            return c.aggregate()
                    ? "Aggregate of " + String.join(", ", c.parts().stream().map(p -> p.name() + " (" + p.call().backend() + ")").toList())
                    : "Translated to " + describe(c.parts().get(0).call());
        }
        return "The gateway's own: " + ((Handling.Builtin) handling).name();
    }

    private static String describe(Call call) {
        if (call.kind() == Call.Kind.GRPC) {
            return "gRPC " + call.method() + " on " + call.backend();
        }
        return call.kind() == Call.Kind.GRAPHQL ? "GraphQL on " + call.backend() : "GET " + call.path() + " on " + call.backend();
    }

    private static String kind(Handling handling) {
        if (handling instanceof Handling.Compose c) {
            return c.aggregate() ? "aggregate" : "translate";
        }
        return handling instanceof Handling.Forward ? "forward" : "admin";
    }

    private APIResponses responses(GatewayRoute route, String method) {
        APIResponses responses = createAPIResponses();
        if (route.handling() instanceof Handling.Compose c) {
            responses.addAPIResponse(Integer.toString(c.status()), composed(c));
        } else if (route.handling() instanceof Handling.Forward) {
            responses.addAPIResponse("2XX", createAPIResponse()
                    .description("The backend's answer, relayed (any other status of the backend's too)"));
        } else {
            responses.addAPIResponse("200", createAPIResponse().description("The gateway's own answer")
                    .content(Components.json(Components.object())));
        }
        RouteDefinition policy = route.policy();
        responses.addAPIResponse("400", Components.problem(400));
        if (policy.requiresToken()) {
            responses.addAPIResponse("401", Components.problem(401));
            responses.addAPIResponse("403", Components.problem(403));
        }
        if (route.handling() instanceof Handling.Compose) {
            responses.addAPIResponse("404", Components.problem(404));
        }
        if (WITH_BODY.contains(method)) {
            responses.addAPIResponse("413", Components.problem(413));
        }
        if (policy.rateLimit() != null) {
            responses.addAPIResponse("429", Components.problem(429));
        }
        if (!(route.handling() instanceof Handling.Builtin)) {
            responses.addAPIResponse("502", Components.problem(502));
            responses.addAPIResponse("503", Components.problem(503));
            responses.addAPIResponse("504", Components.problem(504));
        }
        return responses;
    }

    /** A composed route's body: an aggregate's members by part, or the translated call's value. */
    private APIResponse composed(Handling.Compose compose) {
        if (!compose.aggregate()) {
            Call call = compose.parts().get(0).call();
            Optional<Descriptor> message = call.kind() == Call.Kind.GRPC ? grpcResponses.apply(call) : Optional.empty();
            return createAPIResponse().description("The value of " + describe(call)
                            + (call.kind() == Call.Kind.GRPC ? ", as proto3 JSON" : ""))
                    .content(Components.json(message.map(messages::of).orElseGet(Components::any)));
        }
        Schema body = Components.object();
        boolean optional = false;
        for (Part part : compose.parts()) {
            if (!part.into().root() && !part.collecting()) {
                String member = part.into().toString().split("\\.", 2)[0].replace("[]", "");
                body.addProperty(member, Components.any().description("From part " + part.name()
                        + " (" + describe(part.call()) + ")" + (part.required() ? "" : "; absent when it fails")));
                if (part.required()) {
                    body.addRequired(member);
                }
            }
            optional |= !part.required();
        }
        if (optional) {
            body.addProperty("errors", Components.partErrors());
        }
        APIResponse response = createAPIResponse().description("Every part's value, combined").content(Components.json(body));
        if (optional) {
            response.addHeader("Portico-Complete", Components.completeHeader());
        }
        return response;
    }
}

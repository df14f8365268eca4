package dev.portico.openapi;

import static org.eclipse.microprofile.openapi.OASFactory.createAPIResponse;
import static org.eclipse.microprofile.openapi.OASFactory.createComponents;
import static org.eclipse.microprofile.openapi.OASFactory.createContent;
import static org.eclipse.microprofile.openapi.OASFactory.createHeader;
import static org.eclipse.microprofile.openapi.OASFactory.createInfo;
import static org.eclipse.microprofile.openapi.OASFactory.createMediaType;
import static org.eclipse.microprofile.openapi.OASFactory.createOpenAPI;
import static org.eclipse.microprofile.openapi.OASFactory.createSchema;
import static org.eclipse.microprofile.openapi.OASFactory.createSecurityScheme;

import dev.portico.problem.Problem;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/** What every route's operations share: the document's frame, the RFC 9457 problem, the error responses, the bearer scheme. */
final class Components {
    static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";
    /** The error statuses a route can answer with, and what each means at the gateway. */
    private static final Map<Integer, String> ERRORS = Map.of(
            400, "The request is malformed (path, query, headers, fields mask or body); no backend was called",
            401, "No valid bearer token (missing, expired, wrong issuer, audience or signature)",
            403, "The token's roles or subject do not allow this",
            404, "The resource does not exist (a backend said so)",
            413, "The request body is larger than the route allows; it was not read",
            429, "The caller's rate limit is spent; Retry-After says when to try again",
            502, "A backend answered with something the gateway cannot use",
            503, "No backend instance can take the request now (circuit open, none healthy, bulkhead full)",
            504, "The route's deadline passed before a backend answered");

    private Components() {
    }

    /** The document of {@code paths}, with the shared parts and the {@code schemas} the paths refer to. */
    static OpenAPI document(Paths paths, Map<String, Schema> schemas) {
        org.eclipse.microprofile.openapi.models.Components components = createComponents()
                .addSchema(PROBLEM, problemSchema())
                .addSecurityScheme(BEARER, createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("A JWT signed by the configured issuer (mp.jwt.verify.*)"));
        ERRORS.keySet().stream().sorted().forEach(status -> components.addResponse(name(status), errorResponse(status)));
        schemas.forEach(components::addSchema);
        return createOpenAPI().openapi("3.1.0")
                .info(createInfo().title("Portico").version("1")
                        .description("Every route of this gateway, from its route table: forwarded, aggregated, translated (gRPC, GraphQL) and its own"))
                .components(components).paths(paths);
    }

    /** A reference to the shared response for {@code status}. */
    static APIResponse problem(int status) {
        return createAPIResponse().ref(name(status));
    }

    static Content json(Schema schema) {
        return createContent().addMediaType("application/json", createMediaType().schema(schema));
    }

    static Schema object() {
        return createSchema().addType(SchemaType.OBJECT);
    }

    /** Any JSON value. */
    static Schema any() {
        return createSchema();
    }

    static Schema string(String pattern) {
        Schema schema = createSchema().addType(SchemaType.STRING);
        return pattern == null ? schema : schema.pattern(pattern);
    }

    static Schema partErrors() {
        return createSchema().addType(SchemaType.ARRAY).description("The optional parts that failed")
                .items(object().addProperty("part", string(null)).addProperty("status", createSchema().addType(SchemaType.INTEGER))
                        .addProperty("title", string(null)));
    }

    static Header completeHeader() {
        return createHeader().description("false when an optional part failed (listed under errors)")
                .schema(string(null));
    }

    private static String name(int status) {
        return "Problem" + status;
    }

    private static APIResponse errorResponse(int status) {
        APIResponse response = createAPIResponse().description(ERRORS.get(status))
                .content(createContent().addMediaType(Problem.MEDIA_TYPE, createMediaType().schema(createSchema().ref(PROBLEM))));
        if (status == 429) {
            response.addHeader("Retry-After", createHeader().description("Seconds to wait").schema(createSchema().addType(SchemaType.INTEGER)));
        }
        return response;
    }

    /** RFC 9457 problem details, as the gateway writes them. */
    private static Schema problemSchema() {
        return object().description("RFC 9457 problem details")
                .addProperty("type", string(null).format("uri"))
                .addProperty("title", string(null))
                .addProperty("status", createSchema().addType(SchemaType.INTEGER))
                .addProperty("detail", string(null))
                .addProperty("instance", string(null).description("The request's path"))
                .addProperty("requestId", string(null).description("The X-Request-Id of the request, also in the access log"))
                .addRequired("type").addRequired("title").addRequired("status");
    }
}

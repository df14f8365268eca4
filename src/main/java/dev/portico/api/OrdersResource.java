package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import static dev.portico.route.CodedRoutes.CREATE_ORDER;
import static dev.portico.route.CodedRoutes.ORDERS;

import dev.portico.backend.CallContext;
import dev.portico.backend.Deadline;
import dev.portico.backend.Calls;
import dev.portico.config.GatewayConfig;
import dev.portico.graphql.GraphQLResults;
import dev.portico.problem.GatewayException;
import dev.portico.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

/** REST → GraphQL: order queries and the create-order mutation (sent at most once). */
@Path("/api/v1/orders")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
    static final String ORDER_FIELDS = "{ id userId status items { productId productName quantity } }";
    static final String QUERY = "query Orders($userId: ID!) { orders(userId: $userId) " + ORDER_FIELDS + " }";
    static final String MUTATION = "mutation Create($input: CreateOrderInput!) { createOrder(input: $input) "
            + ORDER_FIELDS + " }";

    @Inject
    Calls calls;
    @Inject
    GatewayConfig config;

    @GET
    public CompletionStage<Response> byUser(@QueryParam("userId") String userId, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        Ids.require("userId", userId);
        String request = GraphQLResults.request(QUERY, JSON.createObjectBuilder().add("userId", userId).build());
        return calls.send("orders", "POST", "", request, CallContext.of(headers, security), Deadline.in(config.route(ORDERS).timeout())).handle((reply, failure) -> failure != null
                ? Responses.failure("orders", failure)
                : Responses.ok(JSON.createObjectBuilder()
                        .add("orders", GraphQLResults.field("orders", reply, "orders")).build()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> create(InputStream body, @Context HttpHeaders headers,
            @Context SecurityContext security) throws IOException {
        long limit = config.route(CREATE_ORDER).maxBody();
        JsonObject input = OrderInput.parse(readLimited(body, limit), Caller.of(security));
        String request = GraphQLResults.request(MUTATION, JSON.createObjectBuilder().add("input", input).build());
        // A POST: the stack sends it again only if the connection failed before anything was sent.
        return calls.send("orders", "POST", "", request, CallContext.of(headers, security), Deadline.in(config.route(CREATE_ORDER).timeout())).handle((reply, failure) -> failure != null
                ? Responses.failure("orders", failure)
                : Response.status(201).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(GraphQLResults.field("orders", reply, "createOrder").toString()).build());
    }

    /** Reads a (possibly chunked) body, refusing it once it passes the route's limit. */
    private static String readLimited(InputStream body, long limit) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, limit + 1));
        if (bytes.length > limit) {
            throw new GatewayException(413, "Content Too Large", "The body may be at most " + limit + " bytes.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

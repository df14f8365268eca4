package dev.portico.api;

import static dev.portico.route.CodedRoutes.PRODUCT;
import static dev.portico.route.CodedRoutes.PRODUCTS;

import com.google.protobuf.MessageOrBuilder;
import dev.portico.backend.CallContext;
import dev.portico.backend.Deadline;
import dev.portico.backend.ProductBackend;
import dev.portico.config.GatewayConfig;
import dev.portico.grpc.ProductJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.CompletionStage;

/** REST → gRPC: product reads translated to the Product service's protobuf API (public routes). */
@Path("/api/v1/products")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {
    @Inject
    ProductBackend products;
    @Inject
    GatewayConfig config;

    @GET
    @Path("{id}")
    public CompletionStage<Response> product(@PathParam("id") String id, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        Ids.require("id", id);
        return products.product(id, CallContext.of(headers, security), Deadline.in(config.route(PRODUCT).timeout()))
                .handle((p, failure) -> failure != null ? Responses.failure("products", failure) : json(p));
    }

    @GET
    public CompletionStage<Response> products(@QueryParam("ids") String ids, @Context HttpHeaders headers,
            @Context SecurityContext security) {
        return products.products(Ids.requireList("ids", ids), CallContext.of(headers, security),
                        Deadline.in(config.route(PRODUCTS).timeout()))
                .handle((list, failure) -> failure != null ? Responses.failure("products", failure) : json(list));
    }

    private static Response json(MessageOrBuilder message) {
        return Response.ok(ProductJson.text(message), MediaType.APPLICATION_JSON_TYPE).build();
    }
}

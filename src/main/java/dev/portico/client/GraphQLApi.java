package dev.portico.client;

import dev.portico.backend.CallContext;
import dev.portico.filter.RequestIds;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A GraphQL-over-HTTP endpoint (the base URL is the endpoint itself, e.g. {@code …/graphql}). */
public interface GraphQLApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response execute(String request,
            @HeaderParam(RequestIds.HEADER) String requestId,
            @HeaderParam(CallContext.SUBJECT_HEADER) String subject,
            @HeaderParam(CallContext.ROLES_HEADER) String roles,
            @HeaderParam(CallContext.CLIENT_TYPE_HEADER) String clientType);
}

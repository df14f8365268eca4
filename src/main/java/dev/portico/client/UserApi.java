package dev.portico.client;

import dev.portico.backend.CallContext;
import dev.portico.filter.RequestIds;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The User service's REST API, as an MP Rest Client (base URL: {@code portico.backend.users.urls}). */
@Path("/users")
public interface UserApi {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    Response get(@PathParam("id") String id,
            @HeaderParam(RequestIds.HEADER) String requestId,
            @HeaderParam(CallContext.SUBJECT_HEADER) String subject,
            @HeaderParam(CallContext.ROLES_HEADER) String roles,
            @HeaderParam(CallContext.CLIENT_TYPE_HEADER) String clientType);
}

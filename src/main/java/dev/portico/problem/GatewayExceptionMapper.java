package dev.portico.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The gateway's own decisions become their problem responses. */
@Provider
public class GatewayExceptionMapper implements ExceptionMapper<GatewayException> {
    @Override
    public Response toResponse(GatewayException e) {
        return Problems.response(e);
    }
}

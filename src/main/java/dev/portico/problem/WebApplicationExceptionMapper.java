package dev.portico.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** JAX-RS's own rejections (no route → 404, wrong method → 405 with Allow, …) as problems. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "No route matches this path.";
            case 405 -> "This route does not accept this method.";
            case 406 -> "This route cannot produce the requested media type.";
            case 415 -> "This route does not accept this content type.";
            default -> status >= 500 ? "The gateway could not complete the request." : "The request was rejected.";
        };
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return Problems.response(Problem.of(status, title, detail),
                allow == null ? Map.of() : Map.of(HttpHeaders.ALLOW, allow));
    }
}

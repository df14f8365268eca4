package dev.portico.problem;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Builds problem responses. */
public final class Problems {
    private Problems() {
    }

    public static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .header("Cache-Control", "no-store");
        headers.forEach(builder::header);
        return builder.build();
    }

    public static Response response(GatewayException e) {
        return response(e.problem(), e.headers());
    }

    public static Response response(int status, String title, String detail) {
        return response(Problem.of(status, title, detail), Map.of());
    }
}

package dev.portico.filter;

import dev.portico.problem.GatewayException;
import dev.portico.problem.Problem;
import java.util.Map;

/**
 * A response the gateway gives itself, ending the pipeline: a problem (RFC 9457), or an answer
 * without a body such as a CORS preflight's 204 or an HTTPS redirect's 308.
 */
public record Answer(int status, Map<String, String> headers, Problem problem) {

    public static Answer of(GatewayException e) {
        return new Answer(e.status(), e.headers(), e.problem());
    }

    public static Answer problem(int status, String title, String detail) {
        return new Answer(status, Map.of(), Problem.of(status, title, detail));
    }

    /** 413: the request body is over the route's limit (declared, or found while reading it). */
    public static Answer tooLarge(long limit) {
        return problem(413, "Content Too Large", "The body may be at most " + limit + " bytes on this route.");
    }

    public static Answer empty(int status, Map<String, String> headers) {
        return new Answer(status, headers, null);
    }
}

package dev.portico.problem;

import java.util.Map;

/** A decision of the gateway that ends the request with a problem response. */
public class GatewayException extends RuntimeException {
    private final Problem problem;
    private final Map<String, String> headers;

    public GatewayException(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public GatewayException(int status, String title, String detail, Map<String, String> headers) {
        super(title + ": " + detail, null, false, false); // no stack: these are expected outcomes
        this.problem = Problem.of(status, title, detail);
        this.headers = Map.copyOf(headers);
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** Response headers that belong to the problem, such as {@code WWW-Authenticate}. */
    public Map<String, String> headers() {
        return headers;
    }

    public static GatewayException badRequest(String detail) {
        return new GatewayException(400, "Bad request", detail);
    }
}

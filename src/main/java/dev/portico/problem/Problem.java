package dev.portico.problem;

/**
 * An RFC 9457 problem detail as the gateway sends it ({@code application/problem+json}).
 * {@code instance} and {@code requestId} are filled in on the way out, by the request-id filter.
 */
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://portico.dev/problems/";

    public static Problem of(int status, String title, String detail) {
        return new Problem(TYPE_BASE + slug(status), title, status, detail, null, null);
    }

    public Problem withContext(String instancePath, String id) {
        return new Problem(type, title, status, detail, instance == null ? instancePath : instance,
                requestId == null ? id : requestId);
    }

    static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "content-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 431 -> "header-fields-too-large";
            case 502 -> "bad-gateway";
            case 503 -> "service-unavailable";
            case 504 -> "gateway-timeout";
            default -> status >= 500 ? "internal-error" : "client-error";
        };
    }
}

package dev.portico.transform;

/**
 * What a route changes on the way (SPEC §10): headers toward its backends, headers and JSON toward the client.
 *
 * @param request  {@code request-headers.*}
 * @param response {@code response-headers.*}
 * @param body     {@code response.*}, {@code client.<type>.*}, {@code fields}
 */
public record Transformation(HeaderRules request, HeaderRules response, BodyRules body) {
    public static final Transformation NONE = new Transformation(HeaderRules.NONE, HeaderRules.NONE, BodyRules.NONE);

    public boolean none() {
        return request.none() && response.none() && !body.any();
    }
}

package dev.portico.openapi;

import dev.portico.route.PathTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's path as OpenAPI writes it: the same {@code {name}} parameters, and a prefix route's
 * {@code /**} as one more parameter, {@code {rest}} (OpenAPI has no wildcard; the parameter's description
 * says it may hold '/').
 *
 * @param rest the name that stands for the rest of a prefix route's path; null for an exact path
 */
record OpenApiPath(String text, List<String> params, String rest) {

    static OpenApiPath of(PathTemplate template) {
        String text = template.toString();
        List<String> params = new ArrayList<>(template.params());
        if (!template.prefix()) {
            return new OpenApiPath(text, List.copyOf(params), null);
        }
        String rest = "rest";
        while (params.contains(rest)) {
            rest = "_" + rest;
        }
        params.add(rest);
        String base = text.substring(0, text.length() - "**".length());
        return new OpenApiPath(base + "{" + rest + "}", List.copyOf(params), rest);
    }
}

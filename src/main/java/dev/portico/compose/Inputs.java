package dev.portico.compose;

import static dev.portico.json.Jsons.JSON;

import dev.portico.problem.GatewayException;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a route's calls are filled from (SPEC §9): {@code {name}} a path parameter, {@code {query.name}}
 * a query parameter, {@code {body}} the JSON body and {@code {body.a.b}} a member of it, {@code {sub}} the
 * token's subject, {@code {client-type}}, and {@code {collected}} the values a dependent part gathered.
 * Path and query values must match the route's parameter pattern, item by item when comma-separated
 * (at most {@link #MAX_ITEMS}); a missing one is the client's fault (400), found before any call.
 */
public record Inputs(Map<String, String> params, Function<String, String> query, JsonValue body, String subject,
        String clientType, Pattern pattern) {
    /** Values in one comma-separated parameter, at most. */
    public static final int MAX_ITEMS = 100;
    /** The parameter pattern unless a route sets its own: ids, names, numbers. */
    public static final String DEFAULT_PATTERN = "[A-Za-z0-9._-]{1,64}";

    /** The names a template may use on a route with these path parameters. */
    public static boolean known(String variable, java.util.Set<String> pathParams, boolean collecting) {
        return pathParams.contains(variable) || variable.startsWith("query.") && variable.length() > 6
                || variable.equals("body") || variable.startsWith("body.") && variable.length() > 5
                || variable.equals("sub") || variable.equals("client-type")
                || collecting && variable.equals("collected");
    }

    /** A variable's value; {@code collected} is the dependent part's gathered values, or null. */
    public JsonValue value(String variable, JsonArray collected) {
        if (variable.equals("collected")) {
            return collected;
        }
        if (variable.equals("sub")) {
            return subject == null ? JsonValue.NULL : JSON.createValue(subject);
        }
        if (variable.equals("client-type")) {
            return clientType == null ? JsonValue.NULL : JSON.createValue(clientType);
        }
        if (variable.equals("body") || variable.startsWith("body.")) {
            if (body == null) {
                throw GatewayException.badRequest("This route needs a JSON body.");
            }
            JsonValue member = FieldPath.parse(variable.substring(4).replaceFirst("^\\.", "")).get(body);
            return member == null ? JsonValue.NULL : member;
        }
        if (variable.startsWith("query.")) {
            String name = variable.substring(6);
            return JSON.createValue(checked(name, query.apply(name)));
        }
        return JSON.createValue(checked(variable, params.get(variable)));
    }

    /** A path or query value, checked item by item against the route's pattern. */
    private String checked(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw GatewayException.badRequest("'" + name + "' is required.");
        }
        String[] items = value.split(",", -1);
        if (items.length > MAX_ITEMS) {
            throw GatewayException.badRequest("'" + name + "' takes at most " + MAX_ITEMS + " values.");
        }
        for (String item : items) {
            if (!pattern.matcher(item.trim()).matches()) {
                throw GatewayException.badRequest("'" + name + "' must be " + (items.length > 1 ? "a list of values, each " : "")
                        + "matching " + pattern.pattern() + ".");
            }
        }
        return value;
    }
}

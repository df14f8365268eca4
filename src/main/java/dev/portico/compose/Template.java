package dev.portico.compose;

import static dev.portico.json.Jsons.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Text with {@code {variable}} placeholders, filled from a request (see {@link Inputs} for the names).
 * Filled as JSON, a template that is one variable alone gives that variable's value as it is (a string,
 * the body's object, the collected array); anything else gives a string. Filled into a URL, each value
 * is percent-encoded and an array's elements are joined by commas.
 */
public final class Template {
    private final String text;
    /** Literal text and variable names, alternating: even indexes are literals. */
    private final List<String> pieces;

    private Template(String text, List<String> pieces) {
        this.text = text;
        this.pieces = List.copyOf(pieces);
    }

    /** @throws IllegalArgumentException for an unclosed or empty placeholder */
    public static Template parse(String text) {
        List<String> pieces = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                pieces.add(text.substring(at));
                return new Template(text, pieces);
            }
            int close = text.indexOf('}', open);
            if (close < 0 || close == open + 1 || text.substring(open + 1, close).contains("{")) {
                throw new IllegalArgumentException("'" + text + "' has a placeholder that is not {name}");
            }
            pieces.add(text.substring(at, open));
            pieces.add(text.substring(open + 1, close).trim());
            at = close + 1;
        }
    }

    /** The variables it names, in order. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < pieces.size(); i += 2) {
            names.add(pieces.get(i));
        }
        return names;
    }

    private boolean single() {
        return pieces.size() == 3 && pieces.get(0).isEmpty() && pieces.get(2).isEmpty();
    }

    /** Filled as a JSON value. */
    public JsonValue json(Function<String, JsonValue> values) {
        if (single()) {
            return values.apply(pieces.get(1));
        }
        return JSON.createValue(fill(values, Template::text));
    }

    /** Filled into a path and query: every value percent-encoded. */
    public String url(Function<String, JsonValue> values) {
        return fill(values, v -> v instanceof JsonArray a
                ? a.stream().map(e -> encode(text(e))).collect(Collectors.joining(","))
                : encode(text(v)));
    }

    private String fill(Function<String, JsonValue> values, Function<JsonValue, String> render) {
        StringBuilder out = new StringBuilder(pieces.get(0));
        for (int i = 1; i < pieces.size(); i += 2) {
            out.append(render.apply(values.apply(pieces.get(i)))).append(pieces.get(i + 1));
        }
        return out.toString();
    }

    private static String text(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return "";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.portico.compose;

import static dev.portico.json.Jsons.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A path into a JSON document: member names joined by dots, {@code []} after a name for every element
 * of the array it holds ({@code orders[].items[].productId}); a dot inside a name is written {@code \.}.
 * The empty path is the document itself.
 */
public final class FieldPath {
    /** One step: a member name, and whether it holds an array to walk element by element. */
    record Step(String name, boolean each) {
    }

    private final String text;
    private final List<Step> steps;

    private FieldPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    public static final FieldPath ROOT = new FieldPath("", List.of());

    /** @throws IllegalArgumentException naming what is wrong */
    public static FieldPath parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return ROOT;
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i <= trimmed.length(); i++) {
            char c = i < trimmed.length() ? trimmed.charAt(i) : '.';
            if (c == '\\' && i + 1 < trimmed.length() && trimmed.charAt(i + 1) == '.') {
                name.append('.');
                i++;
            } else if (c == '.') {
                steps.add(step(trimmed, name.toString()));
                name.setLength(0);
            } else {
                name.append(c);
            }
        }
        return new FieldPath(trimmed, steps);
    }

    private static Step step(String path, String raw) {
        boolean each = raw.endsWith("[]");
        String name = each ? raw.substring(0, raw.length() - 2) : raw;
        if (name.isEmpty() || name.contains("[") || name.contains("]") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("'" + path + "' is not a field path like orders[].items[].productId"
                    + " (bad name '" + raw + "')");
        }
        return new Step(name, each);
    }

    public boolean root() {
        return steps.isEmpty();
    }

    /** Whether the path walks an array anywhere (then it names many values). */
    public boolean many() {
        return steps.stream().anyMatch(Step::each);
    }

    /** The last member name (the name a value is put under). */
    public String last() {
        return steps.isEmpty() ? "" : steps.get(steps.size() - 1).name();
    }

    /** The one value at this path, or null when it is missing. */
    public JsonValue get(JsonValue document) {
        List<JsonValue> found = collect(document);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every value at this path, in document order; missing members and non-arrays are skipped. */
    public List<JsonValue> collect(JsonValue document) {
        List<JsonValue> out = new ArrayList<>();
        walk(document, 0, out);
        return out;
    }

    private void walk(JsonValue value, int at, List<JsonValue> out) {
        if (at == steps.size()) {
            out.add(value);
            return;
        }
        Step step = steps.get(at);
        if (!(value instanceof JsonObject object) || !object.containsKey(step.name())) {
            return;
        }
        JsonValue member = object.get(step.name());
        if (!step.each()) {
            walk(member, at + 1, out);
        } else if (member instanceof JsonArray array) {
            array.forEach(element -> walk(element, at + 1, out));
        }
    }

    /**
     * A copy of the document in which every object holding this path's last member (each one the
     * path reaches through its arrays) is replaced by {@code change} of it.
     */
    public JsonValue updateHolders(JsonValue document, UnaryOperator<JsonObject> change) {
        return update(document, 0, change);
    }

    private JsonValue update(JsonValue value, int at, UnaryOperator<JsonObject> change) {
        if (!(value instanceof JsonObject object)) {
            return value;
        }
        if (at == steps.size() - 1) {
            return object.containsKey(steps.get(at).name()) ? change.apply(object) : object;
        }
        Step step = steps.get(at);
        JsonValue member = object.get(step.name());
        if (member == null) {
            return object;
        }
        JsonValue changed;
        if (!step.each()) {
            changed = update(member, at + 1, change);
        } else if (member instanceof JsonArray array) {
            JsonArrayBuilder elements = JSON.createArrayBuilder();
            array.forEach(element -> elements.add(update(element, at + 1, change)));
            changed = elements.build();
        } else {
            return object;
        }
        return JSON.createObjectBuilder(object).add(step.name(), changed).build();
    }

    @Override
    public String toString() {
        return text;
    }
}

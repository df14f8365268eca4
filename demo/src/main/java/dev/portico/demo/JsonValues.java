package dev.portico.demo;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts between JSON-P values and plain maps and lists (what graphql-java speaks). */
final class JsonValues {
    /** Looked up once: {@code Json}'s static methods do a ServiceLoader scan per call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private JsonValues() {
    }

    static JsonValue toJson(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue json) {
            return json;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            map.forEach((k, v) -> object.add(String.valueOf(k), toJson(v)));
            return object.build();
        }
        if (value instanceof Iterable<?> list) {
            JsonArrayBuilder array = JSON.createArrayBuilder();
            list.forEach(v -> array.add(toJson(v)));
            return array.build();
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return JSON.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return JSON.createValue(n.doubleValue());
        }
        return JSON.createValue(String.valueOf(value));
    }

    static Object toPlain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, toPlain(v)));
                return map;
            case ARRAY:
                List<Object> list = new ArrayList<>();
                ((JsonArray) value).forEach(v -> list.add(toPlain(v)));
                return list;
            case STRING:
                return ((JsonString) value).getString();
            case NUMBER:
                JsonNumber number = (JsonNumber) value;
                return number.isIntegral() ? (Object) number.intValueExact() : number.doubleValue();
            case TRUE:
                return true;
            case FALSE:
                return false;
            default:
                return null;
        }
    }
}

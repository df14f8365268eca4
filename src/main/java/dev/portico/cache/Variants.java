package dev.portico.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** {@code Vary} (RFC 9111 §4.1): which request headers select a stored response, and whether a request matches one. */
public final class Variants {
    private Variants() {
    }

    /** The header names a response varies on, lower case ("*" among them when it varies on everything). */
    public static List<String> names(Stored response) {
        List<String> names = new ArrayList<>();
        for (String line : response.values("Vary")) {
            for (String name : line.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty() && !names.contains(trimmed)) {
                    names.add(trimmed);
                }
            }
        }
        return names;
    }

    /** The request's values of the headers named, normalised; a header the request lacks maps to null. */
    public static Map<String, String> selecting(List<String> names, Function<String, List<String>> requestHeader) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            values.put(name, normalise(requestHeader.apply(name)));
        }
        return values;
    }

    /** Whether a request with these headers may be given the stored response, and by whom it was stored. */
    public static boolean matches(Stored stored, String subject, Function<String, List<String>> requestHeader) {
        if (stored.subject() != null && !stored.subject().equals(subject)) {
            return false;
        }
        for (Map.Entry<String, String> v : stored.vary().entrySet()) {
            String now = normalise(requestHeader.apply(v.getKey()));
            if (now == null ? v.getValue() != null : !now.equals(v.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Lines joined by commas, whitespace around the commas and at the ends dropped (§4.1: "normalising"). */
    static String normalise(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (String line : lines) {
            for (String item : line.split(",", -1)) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(item.trim());
            }
        }
        return joined.toString();
    }
}

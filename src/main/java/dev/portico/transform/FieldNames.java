package dev.portico.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of SPEC §10's rules: lists split at commas, rename pairs at colons, field paths at dots,
 * {@code []} after a name for every element of an array, and a backslash before any of {@code . [ ] , : ( ) \}
 * that belongs to a name. Arrays need no {@code []}: a rule reaching an array applies to each element,
 * so {@code orders[].id} and {@code orders.id} name the same fields.
 */
public final class FieldNames {
    static final String SPECIAL = ".[],:()\\";

    private FieldNames() {
    }

    /** Splits {@code text} at each {@code separator} not escaped by a backslash; parts trimmed, empty ones dropped. */
    public static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                add(parts, part);
            } else {
                part.append(c);
            }
        }
        add(parts, part);
        return parts;
    }

    private static void add(List<String> parts, StringBuilder part) {
        String trimmed = part.toString().trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
        part.setLength(0);
    }

    /**
     * The member names of a field path ({@code user.name}, {@code orders[].items[].productId}, {@code a\.b.c}).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<String> path(String text) {
        List<String> names = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        boolean arrays = false; // the current name has had its "[]": only more "[]" or a dot may follow
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '\\') {
                if (i + 1 >= text.length() || SPECIAL.indexOf(text.charAt(i + 1)) < 0) {
                    throw new IllegalArgumentException("'" + text + "': a backslash escapes only one of . [ ] , : ( ) \\");
                }
                if (arrays) {
                    throw malformed(text);
                }
                name.append(text.charAt(++i));
            } else if (c == '.') {
                if (name.length() == 0) {
                    throw malformed(text);
                }
                names.add(name.toString());
                name.setLength(0);
                arrays = false;
            } else if (c == '[') {
                if (name.length() == 0 || i + 1 >= text.length() || text.charAt(i + 1) != ']') {
                    throw malformed(text);
                }
                i++;
                arrays = true;
            } else if (c == ']' || c == ',' || c == ':' || c == '(' || c == ')' || Character.isWhitespace(c) || arrays) {
                throw malformed(text);
            } else {
                name.append(c);
            }
        }
        return List.copyOf(names);
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("'" + text + "' is not a field path like orders[].items[].productId"
                + " (a backslash before . [ ] , : ( ) in a name)");
    }

    /** A path as a rule would name it, each name escaped where it must be. */
    public static String text(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            if (out.length() > 0) {
                out.append('.');
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}

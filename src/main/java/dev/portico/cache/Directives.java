package dev.portico.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The directives of a {@code Cache-Control} field (RFC 9111 §5.2), from all its lines: names in lower
 * case, arguments unquoted ({@code ""} for none). A directive given twice keeps its first occurrence
 * (§4.2.1).
 */
public final class Directives {
    /** RFC 9111 §1.2.2: a delta-seconds too large to represent counts as this. */
    public static final long MAX_DELTA = 2147483648L;
    public static final Directives NONE = new Directives(Map.of());

    private final Map<String, String> values;

    private Directives(Map<String, String> values) {
        this.values = values;
    }

    /** The directives of every line of the field; null or no lines: none. */
    public static Directives parse(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines) {
            parseLine(line, values);
        }
        return values.isEmpty() ? NONE : new Directives(values);
    }

    private static void parseLine(String line, Map<String, String> into) {
        int i = 0;
        int n = line.length();
        while (i < n) {
            int start = i;
            while (i < n && line.charAt(i) != ',' && line.charAt(i) != '=') {
                i++;
            }
            String name = line.substring(start, i).trim().toLowerCase(Locale.ROOT);
            String argument = "";
            if (i < n && line.charAt(i) == '=') {
                i++;
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                StringBuilder value = new StringBuilder();
                if (i < n && line.charAt(i) == '"') {
                    i++;
                    while (i < n && line.charAt(i) != '"') {
                        if (line.charAt(i) == '\\' && i + 1 < n) {
                            i++;
                        }
                        value.append(line.charAt(i++));
                    }
                    i++; // the closing quote
                    while (i < n && line.charAt(i) != ',') {
                        i++;
                    }
                } else {
                    while (i < n && line.charAt(i) != ',') {
                        value.append(line.charAt(i++));
                    }
                }
                argument = value.toString().trim();
            }
            i++; // the comma
            if (!name.isEmpty()) {
                into.putIfAbsent(name, argument);
            }
        }
    }

    /**
     * The directives of a targeted field such as {@code CDN-Cache-Control} (RFC 9213), which is a Structured
     * Field dictionary (RFC 8941): null when it is not one, or when a freshness directive is not an integer,
     * so that the field is ignored as a whole.
     */
    public static Directives parseTargeted(List<String> lines) {
        for (String line : lines) {
            for (String member : line.split(",")) {
                String m = member.trim();
                int eq = m.indexOf('=');
                String key = eq < 0 ? m : m.substring(0, eq);
                int params = key.indexOf(';');
                if (!(params < 0 ? key : key.substring(0, params)).matches("[a-z*][a-z0-9_.*-]*")) {
                    return null;
                }
                if (eq >= 0 && !integerOrItem(key, m.substring(eq + 1).split(";")[0].trim())) {
                    return null;
                }
            }
        }
        return parse(lines);
    }

    private static boolean integerOrItem(String key, String value) {
        if (value.matches("-?[0-9]{1,15}")) {
            return true;
        }
        boolean item = value.matches("\"([^\"\\\\]|\\\\.)*\"|[A-Za-z*][!#$%&'*+.^_`|~:/A-Za-z0-9-]*|\\?[01]|:[A-Za-z0-9+/=]*:|-?[0-9]{1,12}\\.[0-9]{1,3}");
        return item && !(key.equals("max-age") || key.equals("s-maxage") || key.startsWith("stale-"));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * A directive's delta-seconds: null when absent, -1 when its argument is not a number (a response
     * with such freshness counts as stale, §4.2.1), capped at {@link #MAX_DELTA}.
     */
    public Long seconds(String name) {
        String argument = values.get(name);
        if (argument == null) {
            return null;
        }
        if (argument.isEmpty()) {
            return -1L;
        }
        for (int i = 0; i < argument.length(); i++) {
            if (argument.charAt(i) < '0' || argument.charAt(i) > '9') {
                return -1L;
            }
        }
        return argument.length() > 10 ? MAX_DELTA : Math.min(Long.parseLong(argument), MAX_DELTA);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

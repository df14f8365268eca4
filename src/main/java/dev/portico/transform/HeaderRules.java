package dev.portico.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code request-headers.*} or {@code response-headers.*} of a route (SPEC §10): headers removed, then headers
 * set (replacing any value under any spelling of the name). A value may name {@code {sub}},
 * {@code {client-type}} and the route's path parameters; a header whose value would be empty (the caller is
 * anonymous) or not a valid field value once filled is not set.
 */
public record HeaderRules(List<String> remove, List<Setting> set) {
    public static final HeaderRules NONE = new HeaderRules(List.of(), List.of());
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    /** Framing and connection headers: the gateway's to set, never a rule's. */
    private static final Set<String> FRAMING = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    public HeaderRules {
        remove = List.copyOf(remove);
        set = List.copyOf(set);
    }

    /** One header to set, its value with placeholders. */
    public record Setting(String name, String value) {
    }

    public boolean none() {
        return remove.isEmpty() && set.isEmpty();
    }

    /** These rules, removing {@code names} as well (first). */
    public HeaderRules removing(List<String> names) {
        List<String> all = new ArrayList<>(names);
        remove.stream().filter(n -> all.stream().noneMatch(n::equalsIgnoreCase)).forEach(all::add);
        return new HeaderRules(all, set);
    }

    /**
     * Parses the two keys' values ({@code X-Tenant: acme, X-Caller: {sub}} and {@code Cookie, X-Debug}).
     *
     * @param variables the placeholders a value may name
     * @throws IllegalArgumentException naming what is wrong (the caller names the key)
     */
    public static HeaderRules parse(String set, String remove, Set<String> variables, boolean towardBackend) {
        List<String> removed = new ArrayList<>();
        for (String name : FieldNames.split(remove == null ? "" : remove, ',')) {
            removed.add(name(name, towardBackend));
        }
        List<Setting> settings = new ArrayList<>();
        for (String entry : FieldNames.split(set == null ? "" : set, ',')) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + entry + "' is not 'Name: value'");
            }
            String value = entry.substring(colon + 1).trim().replace("\\,", ",").replace("\\\\", "\\");
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new IllegalArgumentException("the value of '" + entry.substring(0, colon).trim() + "' has a control character");
            }
            var m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                if (!variables.contains(m.group(1))) {
                    throw new IllegalArgumentException("'{" + m.group(1) + "}' is not one of " + variables.stream().sorted()
                            .map(v -> "{" + v + "}").toList());
                }
            }
            if (value.replaceAll(PLACEHOLDER.pattern(), "").matches(".*[{}].*")) {
                throw new IllegalArgumentException("'" + value + "' has a placeholder that is not {name}");
            }
            settings.add(new Setting(name(entry.substring(0, colon).trim(), towardBackend), value));
        }
        return new HeaderRules(removed, settings);
    }

    private static String name(String name, boolean towardBackend) {
        if (!TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a header name");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (FRAMING.contains(lower)) {
            throw new IllegalArgumentException("'" + name + "' frames the message; the gateway sets it");
        }
        if (towardBackend && lower.startsWith("x-portico-")) {
            throw new IllegalArgumentException("'" + name + "' is the gateway's own identity header");
        }
        return name;
    }

    /**
     * Applies the rules to {@code headers} (names in any case).
     *
     * @param variables a placeholder's value, or null when unknown
     */
    public void applyTo(Map<String, List<String>> headers, Function<String, String> variables) {
        for (String name : remove) {
            headers.keySet().removeIf(name::equalsIgnoreCase);
        }
        for (Setting setting : set) {
            String value = fill(setting.value(), variables);
            headers.keySet().removeIf(setting.name()::equalsIgnoreCase);
            if (value != null) {
                headers.put(setting.name(), List.of(value));
            }
        }
    }

    /** The value with its placeholders filled; null when one is unknown or the result is not a field value. */
    static String fill(String value, Function<String, String> variables) {
        if (value.indexOf('{') < 0) {
            return value;
        }
        var m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            String filled = variables.apply(m.group(1));
            if (filled == null) {
                return null;
            }
            out.append(value, at, m.start()).append(filled);
            at = m.end();
        }
        out.append(value, at, value.length());
        String result = out.toString().trim();
        return result.isEmpty() || result.chars().anyMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f) ? null : result;
    }
}

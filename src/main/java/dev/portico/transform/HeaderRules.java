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

    /**
     * One header to set: its value split once, at start-up, into literal text and placeholder names
     * (even indexes literal, odd ones names).
     */
    public record Setting(String name, List<String> pieces) {
        public Setting {
            pieces = List.copyOf(pieces);
        }

        /** The value with its placeholders filled; null when one is unknown or the result is not a field value. */
        String fill(Function<String, String> variables) {
            if (pieces.size() == 1) {
                return pieces.get(0);
            }
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < pieces.size(); i++) {
                String piece = i % 2 == 0 ? pieces.get(i) : variables.apply(pieces.get(i));
                if (piece == null) {
                    return null;
                }
                out.append(piece);
            }
            String result = out.toString().trim();
            return result.isEmpty() || result.chars().anyMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f) ? null : result;
        }
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

    /** Parses both keys' values ({@code X-Tenant: acme, X-Caller: {sub}} and {@code Cookie, X-Debug}); see below. */
    public static HeaderRules parse(String set, String remove, Set<String> variables, boolean towardBackend) {
        return new HeaderRules(removals(remove, towardBackend), settings(set, variables, towardBackend));
    }

    /**
     * The names of a {@code remove} key ({@code Cookie, X-Debug}).
     *
     * @throws IllegalArgumentException naming what is wrong (the caller names the key)
     */
    public static List<String> removals(String remove, boolean towardBackend) {
        List<String> removed = new ArrayList<>();
        for (String name : FieldNames.split(remove == null ? "" : remove, ',')) {
            removed.add(name(name, towardBackend));
        }
        return removed;
    }

    /**
     * The headers of a {@code set} key ({@code X-Tenant: acme, X-Caller: {sub}}).
     *
     * @param variables the placeholders a value may name
     * @throws IllegalArgumentException naming what is wrong (the caller names the key)
     */
    public static List<Setting> settings(String set, Set<String> variables, boolean towardBackend) {
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
            settings.add(new Setting(name(entry.substring(0, colon).trim(), towardBackend), pieces(value, variables)));
        }
        return settings;
    }

    /** Literal text and placeholder names, alternating. */
    private static List<String> pieces(String value, Set<String> variables) {
        List<String> pieces = new ArrayList<>();
        var m = PLACEHOLDER.matcher(value);
        int at = 0;
        while (m.find()) {
            if (!variables.contains(m.group(1))) {
                throw new IllegalArgumentException("'{" + m.group(1) + "}' is not one of " + variables.stream().sorted()
                        .map(v -> "{" + v + "}").toList());
            }
            pieces.add(value.substring(at, m.start()));
            pieces.add(m.group(1));
            at = m.end();
        }
        pieces.add(value.substring(at));
        for (int i = 0; i < pieces.size(); i += 2) {
            if (pieces.get(i).indexOf('{') >= 0 || pieces.get(i).indexOf('}') >= 0) {
                throw new IllegalArgumentException("'" + value + "' has a placeholder that is not {name}");
            }
        }
        return pieces;
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
            String value = setting.fill(variables);
            headers.keySet().removeIf(setting.name()::equalsIgnoreCase);
            if (value != null) {
                headers.put(setting.name(), List.of(value));
            }
        }
    }
}

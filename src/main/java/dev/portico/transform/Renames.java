package dev.portico.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code rename} rule as a tree: at each object, which members take another name (in the same object),
 * and where to look further down. Immutable.
 */
public final class Renames {
    public static final Renames NONE = new Renames(Map.of(), Map.of());

    private final Map<String, String> names;
    private final Map<String, Renames> children;
    /** The new names at this object, in a fixed order. */
    private final List<String> targets;

    private Renames(Map<String, String> names, Map<String, Renames> children) {
        this.names = names;
        this.children = children;
        this.targets = List.copyOf(names.values());
    }

    /**
     * @param moves each a path and the new last name of it
     * @throws IllegalArgumentException when one field is renamed twice, or two to the same name
     */
    public static Renames of(List<Map.Entry<List<String>, String>> moves) {
        Builder root = new Builder();
        for (Map.Entry<List<String>, String> move : moves) {
            List<String> path = move.getKey();
            Builder at = root;
            for (String name : path.subList(0, path.size() - 1)) {
                at = at.children.computeIfAbsent(name, n -> new Builder());
            }
            String from = path.get(path.size() - 1);
            if (at.names.containsKey(from)) {
                throw new IllegalArgumentException("'" + FieldNames.text(path) + "' is renamed twice");
            }
            if (at.names.containsValue(move.getValue())) {
                throw new IllegalArgumentException("two fields are renamed to '" + FieldNames.text(
                        concat(path.subList(0, path.size() - 1), move.getValue())) + "'");
            }
            at.names.put(from, move.getValue());
        }
        return root.build();
    }

    public boolean none() {
        return names.isEmpty() && children.isEmpty();
    }

    /** The index of {@code name} among this object's new names; -1 when no member is renamed to it. */
    public int target(String name) {
        return targets.isEmpty() ? -1 : targets.indexOf(name);
    }

    /** The name member {@code name} has after the rule. */
    public String name(String name) {
        String renamed = names.get(name);
        return renamed == null ? name : renamed;
    }

    public Renames child(String name) {
        return children.getOrDefault(name, NONE);
    }

    /** The path before renaming of a path named after it (for checking a client's mask against the route's rules). */
    public List<String> original(List<String> renamed) {
        List<String> out = new ArrayList<>(renamed.size());
        Renames at = this;
        for (String name : renamed) {
            String from = name;
            for (Map.Entry<String, String> e : at.names.entrySet()) {
                if (e.getValue().equals(name)) {
                    from = e.getKey();
                }
            }
            if (!from.equals(name) || !at.names.containsKey(name)) {
                out.add(from);
            } else {
                out.add("\u0000" + name); // renamed away: no field of the backend's answers to this name any more
            }
            at = at.child(from);
        }
        return out;
    }

    private static List<String> concat(List<String> parent, String name) {
        List<String> out = new ArrayList<>(parent);
        out.add(name);
        return out;
    }

    private static final class Builder {
        final Map<String, String> names = new HashMap<>();
        final Map<String, Builder> children = new HashMap<>();

        Renames build() {
            if (names.isEmpty() && children.isEmpty()) {
                return NONE;
            }
            Map<String, Renames> built = new HashMap<>();
            children.forEach((name, child) -> built.put(name, child.build()));
            return new Renames(Map.copyOf(names), Map.copyOf(built));
        }
    }
}

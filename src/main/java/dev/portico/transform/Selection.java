package dev.portico.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields an include rule keeps ({@code allow}, a client type's {@code allow}, a {@code fields} mask), as a
 * tree of member names: a member that is not a child is dropped, and {@link #ALL} keeps everything below it.
 * Immutable.
 */
public final class Selection {
    /** Everything below. */
    public static final Selection ALL = new Selection(Map.of());

    private final Map<String, Selection> children;

    private Selection(Map<String, Selection> children) {
        this.children = children;
    }

    /** The fields these paths name, and the objects above them. */
    public static Selection of(List<List<String>> paths) {
        return of(PathTree.of(paths));
    }

    private static Selection of(PathTree tree) {
        if (tree.end) {
            return ALL;
        }
        Map<String, Selection> built = new HashMap<>();
        tree.children.forEach((name, child) -> built.put(name, of(child)));
        return new Selection(Map.copyOf(built));
    }

    public boolean all() {
        return this == ALL;
    }

    /** What is kept below member {@code name}; null when the member is dropped. */
    public Selection child(String name) {
        return this == ALL ? ALL : children.get(name);
    }

    /** What both keep. */
    public Selection intersect(Selection other) {
        if (this == ALL) {
            return other;
        }
        if (other == ALL) {
            return this;
        }
        Map<String, Selection> both = new HashMap<>();
        children.forEach((name, mine) -> {
            Selection theirs = other.children.get(name);
            if (theirs != null) {
                both.put(name, mine.intersect(theirs));
            }
        });
        return new Selection(Map.copyOf(both));
    }

    /**
     * Whether {@code path} is let through, wholly or in part: each name is kept, down to the path's end or
     * to a member kept whole.
     */
    public boolean admits(List<String> path) {
        Selection at = this;
        for (String name : path) {
            if (at == ALL) {
                return true;
            }
            at = at.children.get(name);
            if (at == null) {
                return false;
            }
        }
        return true;
    }

    /** The paths it keeps whole, for messages and cache keys (sorted). */
    @Override
    public String toString() {
        if (this == ALL) {
            return "*";
        }
        StringBuilder out = new StringBuilder("(");
        children.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(FieldNames.text(List.of(e.getKey())));
            if (e.getValue() != ALL) {
                out.append(e.getValue());
            }
        });
        return out.append(')').toString();
    }
}

package dev.portico.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields an exclude rule drops ({@code deny}, a client type's {@code deny}), as a tree of member names:
 * a member marked {@link #dropped()} goes with everything below it, the others stay. Immutable.
 */
public final class Exclusion {
    /** Drops nothing. */
    public static final Exclusion NONE = new Exclusion(false, Map.of());
    private static final Exclusion DROPPED = new Exclusion(true, Map.of());

    private final boolean dropped;
    private final Map<String, Exclusion> children;

    private Exclusion(boolean dropped, Map<String, Exclusion> children) {
        this.dropped = dropped;
        this.children = children;
    }

    public static Exclusion of(List<List<String>> paths) {
        return of(PathTree.of(paths));
    }

    private static Exclusion of(PathTree tree) {
        if (tree.end) {
            return DROPPED;
        }
        if (tree.children.isEmpty()) {
            return NONE;
        }
        Map<String, Exclusion> built = new HashMap<>();
        tree.children.forEach((name, child) -> built.put(name, of(child)));
        return new Exclusion(false, Map.copyOf(built));
    }

    /** Whether this member goes. */
    public boolean dropped() {
        return dropped;
    }

    /** Whether nothing below is dropped. */
    public boolean none() {
        return !dropped && children.isEmpty();
    }

    public Exclusion child(String name) {
        return children.getOrDefault(name, NONE);
    }

    /** Whether {@code path} or a member above it is dropped. */
    public boolean covers(List<String> path) {
        Exclusion at = this;
        for (String name : path) {
            at = at.child(name);
            if (at.dropped) {
                return true;
            }
        }
        return false;
    }
}

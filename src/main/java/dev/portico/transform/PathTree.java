package dev.portico.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Field paths merged into a tree while a rule is compiled: a path that ends at a node covers all below it. */
final class PathTree {
    final Map<String, PathTree> children = new HashMap<>();
    boolean end;

    static PathTree of(List<List<String>> paths) {
        PathTree root = new PathTree();
        for (List<String> path : paths) {
            PathTree at = root;
            for (String name : path) {
                if (at.end) {
                    break;
                }
                at = at.children.computeIfAbsent(name, n -> new PathTree());
            }
            at.end = true;
            at.children.clear();
        }
        return root;
    }
}

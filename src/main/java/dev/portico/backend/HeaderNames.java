package dev.portico.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * A small set of header names, compared case-insensitively, asked on every request for every header:
 * names are bucketed by length, so most lookups compare nothing (a case-insensitive {@code TreeSet}
 * was ~4 % of a pass-through's CPU).
 */
final class HeaderNames {
    private final List<List<String>> byLength = new ArrayList<>();

    static HeaderNames of(String... names) {
        HeaderNames set = new HeaderNames();
        for (String name : names) {
            set.add(name);
        }
        return set;
    }

    void add(String name) {
        while (byLength.size() <= name.length()) {
            byLength.add(null);
        }
        List<String> bucket = byLength.get(name.length());
        if (bucket == null) {
            bucket = new ArrayList<>(2);
            byLength.set(name.length(), bucket);
        }
        if (!contains(name)) {
            bucket.add(name);
        }
    }

    boolean contains(String name) {
        if (name.length() >= byLength.size()) {
            return false;
        }
        List<String> bucket = byLength.get(name.length());
        if (bucket == null) {
            return false;
        }
        for (int i = 0; i < bucket.size(); i++) {
            if (bucket.get(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}

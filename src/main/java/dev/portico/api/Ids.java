package dev.portico.api;

import dev.portico.problem.GatewayException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Validates the ids clients put in paths and queries, before anything reaches a backend. */
final class Ids {
    static final int MAX_LIST = 100;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Ids() {
    }

    static String require(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw GatewayException.badRequest("'" + name + "' is required.");
        }
        if (!ID.matcher(value).matches()) {
            throw GatewayException.badRequest("'" + name + "' must be 1-64 of A-Z a-z 0-9 . _ -");
        }
        return value;
    }

    static List<String> requireList(String name, String value) {
        if (value == null || value.isBlank()) {
            throw GatewayException.badRequest("'" + name + "' is required (comma-separated ids).");
        }
        List<String> ids = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        if (ids.size() > MAX_LIST) {
            throw GatewayException.badRequest("'" + name + "' takes at most " + MAX_LIST + " ids.");
        }
        ids.forEach(id -> require(name, id));
        return ids.stream().distinct().toList();
    }
}

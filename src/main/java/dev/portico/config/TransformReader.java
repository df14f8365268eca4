package dev.portico.config;

import dev.portico.transform.BodyRules;
import dev.portico.transform.BodyRules.ClientRules;
import dev.portico.transform.Exclusion;
import dev.portico.transform.FieldNames;
import dev.portico.transform.HeaderRules;
import dev.portico.transform.Renames;
import dev.portico.transform.Selection;
import dev.portico.transform.Transformation;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a route's transformation (SPEC §10) into its compiled form, failing with the key's name on a bad
 * rule: {@code request-headers.*}, {@code response-headers.*}, {@code response.allow|deny|rename},
 * {@code client.<web|mobile|iot>.allow|deny}, {@code fields}.
 */
final class TransformReader {
    static final List<String> CLIENT_TYPES = List.of("web", "mobile", "iot");
    /** Request headers a route with body rules does not pass on. */
    static final List<String> WHOLE_BODIES = List.of("Accept-Encoding", "Range", "If-Range");

    private final ConfigReader reader;

    TransformReader(ConfigReader reader) {
        this.reader = reader;
    }

    /** @param params the route's path parameters, which header values may name */
    Transformation read(String prefix, Transformation defaults, List<String> params) {
        Set<String> variables = new HashSet<>(params);
        variables.add("sub");
        variables.add("client-type");
        HeaderRules request = headers(prefix + "request-headers.", defaults.request(), variables, true);
        HeaderRules response = headers(prefix + "response-headers.", defaults.response(), variables, false);
        Selection allow = reader.optional(prefix + "response.allow") == null ? defaults.body().allow()
                : Selection.of(paths(prefix + "response.allow"));
        Exclusion deny = reader.optional(prefix + "response.deny") == null ? defaults.body().deny()
                : Exclusion.of(paths(prefix + "response.deny"));
        Renames rename = reader.optional(prefix + "response.rename") == null ? defaults.body().rename()
                : renames(prefix + "response.rename");
        Map<String, ClientRules> clients = new LinkedHashMap<>(defaults.body().clients());
        for (String type : CLIENT_TYPES) {
            String at = prefix + "client." + type + ".";
            if (reader.optional(at + "allow") != null || reader.optional(at + "deny") != null) {
                clients.put(type, new ClientRules(
                        reader.optional(at + "allow") == null ? null : Selection.of(paths(at + "allow")),
                        reader.optional(at + "deny") == null ? Exclusion.NONE : Exclusion.of(paths(at + "deny"))));
            }
        }
        boolean fields = reader.onOff(prefix + "fields", defaults.body().fields());
        BodyRules body = new BodyRules(allow, deny, rename, clients, fields);
        if (body.any()) {
            // JSON is read to be changed: asked for whole and as is, never a range or an encoding of it.
            request = request.removing(WHOLE_BODIES);
        }
        return new Transformation(request, response, body);
    }

    private HeaderRules headers(String prefix, HeaderRules defaults, Set<String> variables, boolean towardBackend) {
        String set = reader.optional(prefix + "set");
        String remove = reader.optional(prefix + "remove");
        if (set == null && remove == null) {
            return defaults;
        }
        List<String> removed;
        try {
            removed = HeaderRules.removals(remove, towardBackend);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "remove", e.getMessage());
        }
        try {
            return new HeaderRules(removed, HeaderRules.settings(set, variables, towardBackend));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix + "set", e.getMessage());
        }
    }

    private List<List<String>> paths(String key) {
        List<List<String>> paths = new ArrayList<>();
        for (String text : FieldNames.split(reader.optional(key), ',')) {
            paths.add(path(key, text));
        }
        return paths;
    }

    private Renames renames(String key) {
        List<Map.Entry<List<String>, String>> moves = new ArrayList<>();
        for (String pair : FieldNames.split(reader.optional(key), ',')) {
            List<String> sides = FieldNames.split(pair, ':');
            if (sides.size() != 2) {
                throw new ConfigException(key, "'" + pair + "' is not 'from.path:newName' (or from.path:from.newPath)");
            }
            List<String> from = path(key, sides.get(0));
            List<String> to = path(key, sides.get(1));
            if (to.size() > 1 && !to.subList(0, to.size() - 1).equals(from.subList(0, from.size() - 1))) {
                throw new ConfigException(key, "'" + pair + "' moves the field to another object; a rename keeps its parent");
            }
            moves.add(new AbstractMap.SimpleEntry<>(from, to.get(to.size() - 1)));
        }
        try {
            return Renames.of(moves);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static List<String> path(String key, String text) {
        try {
            return FieldNames.path(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }
}

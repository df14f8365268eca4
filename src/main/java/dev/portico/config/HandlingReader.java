package dev.portico.config;

import dev.portico.compose.Call;
import dev.portico.compose.FieldPath;
import dev.portico.compose.Inputs;
import dev.portico.compose.Part;
import dev.portico.compose.Template;
import dev.portico.config.BackendDefinition.Protocol;
import dev.portico.route.Handling;
import dev.portico.route.PathTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads how a configured route is handled (SPEC §9): with {@code parts}, an aggregate of backend calls;
 * with {@code grpc.method} or {@code graphql.query}, one translated call; else forwarded to its backend.
 * Everything is checked here, at start-up: unknown backends and parts, protocols that do not fit, bad
 * field paths, dependency cycles, placeholders that name nothing.
 */
final class HandlingReader {
    private static final Pattern GRPC_METHOD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*\\.[A-Za-z_][A-Za-z0-9_]*/[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,62}");
    /** The checks a route's body can be given by name ({@code body-check}). */
    static final Set<String> BODY_CHECKS = Set.of("order");

    private final ConfigReader reader;
    private final Map<String, BackendDefinition> backends;

    HandlingReader(ConfigReader reader, Map<String, BackendDefinition> backends) {
        this.reader = reader;
        this.backends = backends;
    }

    Handling read(String id, PathTemplate path) {
        String prefix = "portico.route." + id + ".";
        List<String> partNames = reader.list(prefix + "parts");
        int status = status(prefix + "status");
        String bodyCheck = value(prefix + "body-check");
        if (bodyCheck != null && !BODY_CHECKS.contains(bodyCheck)) {
            throw new ConfigException(prefix + "body-check", "'" + bodyCheck + "' is not one of " + BODY_CHECKS);
        }
        if (!partNames.isEmpty()) {
            if (value(prefix + "backend") != null) {
                throw new ConfigException(prefix + "backend", "a route with parts names its backends per part");
            }
            return new Handling.Compose(parts(prefix, partNames, path), true, status, bodyCheck);
        }
        String backend = backend(prefix + "backend");
        Protocol protocol = backends.get(backend).protocol();
        if (protocol != Protocol.REST || value(prefix + "grpc.method") != null || value(prefix + "graphql.query") != null) {
            Call call = call(prefix, backend, path, false);
            Part only = new Part("body", call, true, FieldPath.ROOT, List.of(), null, null);
            return new Handling.Compose(List.of(only), false, status, bodyCheck);
        }
        PathTemplate backendPath = ConfigReader.template(prefix + "backend-path",
                Optional.ofNullable(value(prefix + "backend-path")).orElse(sameAs(path)));
        if (backendPath.prefix()) {
            throw new ConfigException(prefix + "backend-path", "must not end in /** (the rest is appended to it)");
        }
        backendPath.params().stream().filter(p -> !path.params().contains(p)).findFirst().ifPresent(p -> {
            throw new ConfigException(prefix + "backend-path", "'{" + p + "}' is not a parameter of " + path);
        });
        return new Handling.Forward(backend, backendPath);
    }

    private List<Part> parts(String prefix, List<String> names, PathTemplate path) {
        Map<String, Part> parts = new LinkedHashMap<>();
        for (String name : names) {
            if (!NAME.matcher(name).matches() || parts.containsKey(name)) {
                throw new ConfigException(prefix + "parts", "'" + name + "' is not a part name, or named twice");
            }
            String key = prefix + "part." + name + ".";
            List<String> after = reader.list(key + "after");
            for (String dependency : after) {
                if (!names.contains(dependency) || dependency.equals(name)) {
                    throw new ConfigException(key + "after", "'" + dependency + "' is not another part of this route");
                }
            }
            FieldPath collect = Optional.ofNullable(value(key + "collect")).map(c -> field(key + "collect", c)).orElse(null);
            String into = value(key + "into");
            FieldPath target = into == null ? FieldPath.parse(name) : into.equals(".") ? FieldPath.ROOT : field(key + "into", into);
            if (target.many() || target.toString().contains(".") || collect != null && target.root()) {
                throw new ConfigException(key + "into", "is one member name (or '.' for the root; not for a collecting"
                        + " part, which puts each result beside the value it matches)");
            }
            Part part = new Part(name, call(key, backend(key + "backend"), path, collect != null),
                    reader.bool(key + "required", true), target, after, collect,
                    Optional.ofNullable(value(key + "match")).orElse("id"));
            parts.put(name, part);
        }
        for (Part part : parts.values()) {
            if (part.collecting() && part.after().stream().noneMatch(d -> parts.get(d).into().toString()
                    .equals(firstName(part.collect())))) {
                throw new ConfigException(prefix + "part." + part.name() + ".collect", "'" + part.collect()
                        + "' must start at the member of a part it waits for (after=)");
            }
        }
        return inDependencyOrder(prefix + "parts", parts);
    }

    private static String firstName(FieldPath path) {
        String text = path.toString();
        int end = text.length();
        for (String stop : new String[] {"[", "."}) {
            int at = text.indexOf(stop);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return text.substring(0, end);
    }

    /** The parts, each after those it waits for; a circle fails naming it. */
    private static List<Part> inDependencyOrder(String key, Map<String, Part> parts) {
        Map<String, Integer> state = new HashMap<>();
        List<Part> ordered = new ArrayList<>();
        for (String name : parts.keySet()) {
            visit(key, name, parts, state, new ArrayList<>(), ordered);
        }
        return List.copyOf(ordered);
    }

    private static void visit(String key, String name, Map<String, Part> parts, Map<String, Integer> state,
            List<String> trail, List<Part> ordered) {
        Integer seen = state.get(name);
        if (seen != null && seen == 2) {
            return;
        }
        trail.add(name);
        if (seen != null) {
            throw new ConfigException(key, "the parts wait for each other in a circle: " + String.join(" → ", trail));
        }
        state.put(name, 1);
        for (String dependency : parts.get(name).after()) {
            visit(key, dependency, parts, state, trail, ordered);
        }
        trail.remove(trail.size() - 1);
        state.put(name, 2);
        ordered.add(parts.get(name));
    }

    /** One call under {@code prefix}: its keys depend on the backend's protocol. */
    private Call call(String prefix, String backend, PathTemplate routePath, boolean collecting) {
        Protocol protocol = backends.get(backend).protocol();
        Map<String, Template> args = new LinkedHashMap<>();
        for (String arg : reader.list(prefix + "args")) {
            args.put(arg, placeholders(prefix + "arg." + arg, required(prefix + "arg." + arg), routePath, collecting));
        }
        if (args.isEmpty() && protocol == Protocol.GRPC) {
            routePath.params().forEach(p -> args.put(p, Template.parse("{" + p + "}"))); // the path's parameters
        }
        FieldPath result = field(prefix + "result", Optional.ofNullable(value(prefix + "result")).orElse(""));
        return switch (protocol) {
            case REST -> {
                String path = required(prefix + "path");
                if (!path.startsWith("/")) {
                    throw new ConfigException(prefix + "path", "'" + path + "' must start with '/'");
                }
                yield new Call(backend, Call.Kind.REST, placeholders(prefix + "path", path, routePath, collecting),
                        null, null, args, result);
            }
            case GRPC -> {
                String method = required(prefix + "grpc.method");
                if (!GRPC_METHOD.matcher(method).matches()) {
                    throw new ConfigException(prefix + "grpc.method", "'" + method + "' is not package.Service/Method");
                }
                yield new Call(backend, Call.Kind.GRPC, null, method, null, args, result);
            }
            case GRAPHQL -> new Call(backend, Call.Kind.GRAPHQL, null, null, required(prefix + "graphql.query"), args, result);
        };
    }

    private Template placeholders(String key, String text, PathTemplate routePath, boolean collecting) {
        Template template;
        try {
            template = Template.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
        Set<String> params = new HashSet<>(routePath.params());
        for (String variable : template.variables()) {
            if (!Inputs.known(variable, params, collecting)) {
                throw new ConfigException(key, "'{" + variable + "}' is not a parameter of " + routePath
                        + " nor one of query.*, body, body.*, sub, client-type" + (collecting ? ", collected" : ""));
            }
        }
        return template;
    }

    private String backend(String key) {
        String backend = required(key);
        if (!backends.containsKey(backend)) {
            throw new ConfigException(key, "'" + backend + "' is not in portico.backends");
        }
        return backend;
    }

    private static FieldPath field(String key, String text) {
        try {
            return FieldPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private int status(String key) {
        String value = value(key);
        if (value == null) {
            return 200;
        }
        if (!value.matches("2[0-9][0-9]")) {
            throw new ConfigException(key, "'" + value + "' is not a success status (200-299)");
        }
        return Integer.parseInt(value);
    }

    private String value(String key) {
        return reader.optional(key);
    }


    private String required(String key) {
        return reader.required(key).trim();
    }

    /** The default backend path: the route's own, less a trailing {@code /**} ({@code /} for a catch-all). */
    private static String sameAs(PathTemplate path) {
        String same = path.toString().replace("/**", "");
        return same.isEmpty() ? "/" : same;
    }
}

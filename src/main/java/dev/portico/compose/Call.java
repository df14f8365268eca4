package dev.portico.compose;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One backend call of a route, as configured: a part of an aggregate, or a translated route's only call.
 *
 * @param backend  the backend's id
 * @param kind     how it is spoken to (the backend's protocol)
 * @param path     REST: the GET path and query at the backend, with placeholders; else null
 * @param method   gRPC: {@code package.Service/Method}; else null
 * @param document GraphQL: the query or mutation; else null
 * @param args     gRPC request fields or GraphQL variables by name, each a template
 * @param result   where the value is in the answer (GraphQL: under {@code data}); the root when empty
 */
public record Call(String backend, Kind kind, Template path, String method, String document, Map<String, Template> args,
        FieldPath result) {

    /** The backend's protocol. */
    public enum Kind { REST, GRPC, GRAPHQL }

    public Call {
        args = Map.copyOf(args);
    }

    /** Every placeholder its path and arguments name. */
    public Set<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        if (path != null) {
            names.addAll(path.variables());
        }
        args.values().forEach(t -> names.addAll(t.variables()));
        return names;
    }
}

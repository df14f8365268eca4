package dev.portico.route;

import dev.portico.compose.Part;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** How a route is handled, as configured: forwarded, composed from backend calls, or the gateway's own. */
public sealed interface Handling {

    /**
     * Forwarded to one backend (SPEC §4, §8).
     *
     * @param backendPath the path at the backend; parameters are filled in and a {@code **} rest appended
     */
    record Forward(String backend, PathTemplate backendPath) implements Handling {
    }

    /**
     * Composed from backend calls (SPEC §9): an aggregate of parts, or one translated call (REST → gRPC,
     * REST → GraphQL) whose value is the whole body.
     *
     * @param aggregate whether it is an aggregate (its reply says whether every part made it)
     * @param status    the status of a successful reply
     * @param bodyCheck the named check a request body must pass before any call; null for none
     * @param inputs    every placeholder the calls name but {@code collected}: checked before any call
     */
    record Compose(List<Part> parts, boolean aggregate, int status, String bodyCheck, Set<String> inputs)
            implements Handling {
        public Compose {
            parts = List.copyOf(parts);
            inputs = Set.copyOf(inputs);
        }

        public Compose(List<Part> parts, boolean aggregate, int status, String bodyCheck) {
            this(parts, aggregate, status, bodyCheck, parts.stream().flatMap(p -> p.call().variables().stream())
                    .filter(v -> !v.equals("collected")).collect(Collectors.toSet()));
        }
    }

    /** The gateway's own (the admin routes). */
    record Builtin(String name) implements Handling {
    }
}

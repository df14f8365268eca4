package dev.portico.route;

import dev.portico.compose.Part;
import java.util.List;

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
     */
    record Compose(List<Part> parts, boolean aggregate, int status, String bodyCheck) implements Handling {
        public Compose {
            parts = List.copyOf(parts);
        }
    }

    /** The gateway's own (the admin routes). */
    record Builtin(String name) implements Handling {
    }
}

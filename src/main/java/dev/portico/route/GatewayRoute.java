package dev.portico.route;

import dev.portico.compose.Part;
import dev.portico.config.RouteDefinition;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of the route table: which requests it takes, its policies, and how it is handled.
 *
 * @param policy   its policies (auth, roles, deadline, …)
 * @param path     request paths it matches
 * @param methods  request methods it accepts
 * @param handling forwarded, composed, or the gateway's own
 */
public record GatewayRoute(RouteDefinition policy, PathTemplate path, Set<String> methods, Handling handling) {

    /** A route forwarded to {@code backend} at {@code backendPath}. */
    public static GatewayRoute declared(RouteDefinition policy, PathTemplate path, Set<String> methods, String backend,
            PathTemplate backendPath) {
        return new GatewayRoute(policy, path, methods, new Handling.Forward(backend, backendPath));
    }

    public String id() {
        return policy.id();
    }

    /** Whether it is configured (forwarded or composed), not one of the gateway's own. */
    public boolean declared() {
        return !(handling instanceof Handling.Builtin);
    }

    /** The backend it reaches (a composed route's, joined by '+'); null for the gateway's own. */
    public String backend() {
        if (handling instanceof Handling.Forward f) {
            return f.backend();
        }
        if (handling instanceof Handling.Compose c) {
            return c.parts().stream().map(p -> p.call().backend()).distinct().collect(Collectors.joining("+"));
        }
        return null;
    }

    /** A forwarded route's path at its backend; null for the others. */
    public PathTemplate backendPath() {
        return handling instanceof Handling.Forward f ? f.backendPath() : null;
    }

    /** The parts of a composed route, by name. */
    public java.util.List<Part> parts() {
        return handling instanceof Handling.Compose c ? c.parts() : java.util.List.of();
    }
}

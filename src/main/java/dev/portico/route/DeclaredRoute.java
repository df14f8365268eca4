package dev.portico.route;

import dev.portico.config.RouteDefinition;
import java.util.Set;

/**
 * A route declared in configuration: which requests it takes, and where it sends them.
 *
 * @param policy      its policies (auth, roles, deadline, …)
 * @param path        request paths it matches
 * @param methods     request methods it accepts
 * @param backend     the backend id it forwards to
 * @param backendPath the path at the backend; parameters are filled in and a {@code **} rest appended
 */
public record DeclaredRoute(RouteDefinition policy, PathTemplate path, Set<String> methods, String backend,
        PathTemplate backendPath) {

    public String id() {
        return policy.id();
    }
}

package dev.portico.health;

import dev.portico.backend.Backend;
import dev.portico.backend.Backends;
import dev.portico.cluster.SharedState;
import dev.portico.config.GatewayConfig;
import dev.portico.security.TokenAuthority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * What {@code /health} reports, each check by name. Ready: the configuration was valid (the application
 * does not start otherwise), the shared state's Hazelcast member runs or its client is connected (when any route rate-limits or caches), and the JWT keys are usable (not
 * older than {@code portico.jwt.jwks.max-stale}), and the request path was warmed up ({@link Warmup}). The backends' instances are reported in the readiness
 * data but never make the gateway unready: a dead backend must not take every route out of the load
 * balancer. Live: the application answers. Started: the application has started.
 */
@ApplicationScoped
public class GatewayHealth {
    @Inject
    GatewayConfig config;
    @Inject
    SharedState sharedState;
    @Inject
    TokenAuthority tokens;
    @Inject
    Backends backends;
    @Inject
    Drain drain;
    @Inject
    Warmup warmup;

    @Produces
    @Readiness
    HealthCheck draining() {
        return () -> HealthCheckResponse.named("drain").status(!drain.draining()).build();
    }

    @Produces
    @Readiness
    HealthCheck warmedUp() {
        return () -> HealthCheckResponse.named("warm-up").status(warmup.done()).build();
    }

    @Produces
    @Readiness
    HealthCheck configuration() {
        return () -> HealthCheckResponse.named("configuration").up()
                .withData("routes", config.routeTable().routes().size())
                .withData("backends", config.backends().size()).build();
    }

    @Produces
    @Readiness
    HealthCheck sharedStateCheck() {
        return () -> {
            String role = sharedState.role();
            if (role.equals("none")) { // no route rate-limits or caches: nothing is shared
                return HealthCheckResponse.named("shared-state").up().withData("role", role).build();
            }
            int members = sharedState.members();
            return HealthCheckResponse.named("shared-state").status(members > 0).withData("role", role)
                    .withData("members", members).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck jwtKeys() {
        return () -> HealthCheckResponse.named("jwt-keys").status(tokens.keysFresh()).build();
    }

    @Produces
    @Readiness
    HealthCheck backendInstances() {
        return () -> {
            HealthCheckResponseBuilder check = HealthCheckResponse.named("backends").up();
            for (Backend backend : backends.all().values()) {
                check.withData(backend.id(), backend.availableInstances() + " of " + backend.instances().size()
                        + " instances available");
            }
            return check.build();
        };
    }

    @Produces
    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.named("portico").up().build();
    }

    @Produces
    @Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("portico-started").up().build();
    }
}

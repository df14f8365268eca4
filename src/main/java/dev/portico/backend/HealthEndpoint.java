package dev.portico.backend;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An instance's health path, as an MP Rest Client; one per instance, built by {@link HealthProbe}. */
public interface HealthEndpoint extends AutoCloseable {

    /** GET of the health URL itself, redirects not followed; any media type (the client's default is JSON). */
    @GET
    @Produces(MediaType.WILDCARD)
    Response get();
}

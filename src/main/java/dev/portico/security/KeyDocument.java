package dev.portico.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The key server's JWKS document, as an MP Rest Client; built per location by {@link KeyFetch}. */
public interface KeyDocument extends AutoCloseable {

    /** GET of the location itself, redirects not followed. */
    @GET
    @Produces({"application/jwk-set+json", "application/json"})
    Response get();
}

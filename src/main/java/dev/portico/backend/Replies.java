package dev.portico.backend;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

/** Reads a Rest Client {@link Response} whole into a {@link BackendReply}, and always closes it. */
public final class Replies {
    private Replies() {
    }

    public static BackendReply read(String backend, Response response) {
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new BackendReply(response.getStatus(), HopByHop.endToEnd(response.getStringHeaders()), body);
        } catch (ProcessingException e) {
            throw Failures.unreachable(backend, e);
        }
    }
}

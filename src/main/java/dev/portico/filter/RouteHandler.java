package dev.portico.filter;

import java.io.IOException;

/** Serves a declared route once the pipeline has let its request through: writes the whole response. */
public interface RouteHandler {
    void handle(Exchange exchange) throws IOException;
}

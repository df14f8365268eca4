package dev.portico.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The gateway: every path is its own, so even an unknown one gets a problem response. */
@ApplicationPath("/")
@DeclareRoles({"user", "admin"})
public class PorticoApplication extends Application {
}

package dev.portico.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The gateway: every path is its own, so even an unknown one gets a problem response. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "portico")
@DeclareRoles({"user", "admin"})
public class PorticoApplication extends Application {
}

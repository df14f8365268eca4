package dev.portico.backend;

import dev.portico.filter.RequestIds;
import dev.portico.security.Caller;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

/** What the gateway tells every backend about the request: its id and the caller's identity. */
public record CallContext(String requestId, String subject, String roles) {
    public static final String SUBJECT_HEADER = "X-Portico-Subject";
    public static final String ROLES_HEADER = "X-Portico-Roles";

    public static CallContext of(HttpHeaders headers, SecurityContext security) {
        Caller caller = Caller.of(security);
        return new CallContext(headers.getHeaderString(RequestIds.HEADER), caller.subject(),
                caller.authenticated() ? caller.rolesHeader() : null);
    }
}

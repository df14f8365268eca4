package dev.portico.backend;

import dev.portico.problem.RequestIds;
import dev.portico.security.Caller;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the gateway tells every backend about the request: its id, the caller's identity and the client
 * type (SPEC §5: the token's {@code client_type}, else the client's {@code X-Client-Type}; web, mobile
 * or iot, else none).
 */
public record CallContext(String requestId, String subject, String roles, String clientType) {
    public static final String SUBJECT_HEADER = "X-Portico-Subject";
    public static final String ROLES_HEADER = "X-Portico-Roles";
    public static final String CLIENT_TYPE_HEADER = "X-Portico-Client-Type";
    private static final Set<String> CLIENT_TYPES = Set.of("web", "mobile", "iot");

    public CallContext(String requestId, String subject, String roles) {
        this(requestId, subject, roles, null);
    }

    public static CallContext of(HttpHeaders headers, SecurityContext security) {
        Caller caller = Caller.of(security);
        return new CallContext(headers.getHeaderString(RequestIds.HEADER), caller.subject(),
                caller.authenticated() ? caller.rolesHeader() : null,
                clientType(caller.clientType(), headers.getHeaderString("X-Client-Type")));
    }

    /**
     * Sets the headers every backend gets: the request id (the client's if it was sane, else the one the
     * gateway made, so the backend logs the id the client sees) and, when known, the caller and client type.
     */
    public void addTo(Map<String, List<String>> headers) {
        if (requestId != null) {
            headers.put(RequestIds.HEADER, List.of(requestId));
        }
        if (subject != null) {
            headers.put(SUBJECT_HEADER, List.of(subject));
            headers.put(ROLES_HEADER, List.of(roles));
        }
        if (clientType != null) {
            headers.put(CLIENT_TYPE_HEADER, List.of(clientType));
        }
    }

    /** The token's claim wins over the header; anything but the three known types counts as none. */
    public static String clientType(String claim, String header) {
        String wanted = (claim != null ? claim : header == null ? "" : header).trim().toLowerCase(Locale.ROOT);
        return CLIENT_TYPES.contains(wanted) ? wanted : null;
    }
}

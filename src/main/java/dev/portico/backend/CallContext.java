package dev.portico.backend;

import dev.portico.problem.RequestIds;
import dev.portico.transform.HeaderRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the gateway tells every backend about the request: its id, the caller's identity and the client
 * type (SPEC §5: the token's {@code client_type}, else the client's {@code X-Client-Type}; web, mobile
 * or iot, else none); and what a call the gateway makes itself (not a relay of the client's headers)
 * passes on: the W3C trace context, when well-formed, and the client's bearer token, for backends with
 * {@code forward-token}. The token never shows in {@link #toString()}.
 */
public record CallContext(String requestId, String subject, String roles, String clientType, String traceparent,
        String tracestate, String authorization, HeaderEdit edit) {
    public static final String SUBJECT_HEADER = "X-Portico-Subject";
    public static final String ROLES_HEADER = "X-Portico-Roles";
    public static final String CLIENT_TYPE_HEADER = "X-Portico-Client-Type";
    private static final Set<String> CLIENT_TYPES = Set.of("web", "mobile", "iot");

    /** The longest {@code tracestate} passed on (W3C: 32 members of at most 256 characters; 512 is what all keep). */
    static final int TRACESTATE_MAX = 512;

    public CallContext {
        traceparent = wellFormedTraceparent(traceparent);
        tracestate = traceparent == null ? null : wellFormedTracestate(tracestate);
    }

    public CallContext(String requestId, String subject, String roles, String clientType) {
        this(requestId, subject, roles, clientType, null, null, null, null);
    }

    /**
     * A route's {@code request-headers.*} rules with this request's values for their placeholders, applied
     * last to every backend call's headers.
     */
    public record HeaderEdit(HeaderRules rules, Function<String, String> variables) {
    }

    public CallContext(String requestId, String subject, String roles) {
        this(requestId, subject, roles, null);
    }

    /**
     * The headers of a call the gateway makes itself: those of {@link #addTo}, the trace context, and the
     * client's {@code Authorization} if the backend is to have it.
     */
    public void addCallHeadersTo(Map<String, List<String>> headers, boolean forwardToken) {
        addIdentity(headers);
        if (traceparent != null) {
            headers.put("traceparent", List.of(traceparent));
            if (tracestate != null) {
                headers.put("tracestate", List.of(tracestate));
            }
        }
        if (forwardToken && authorization != null) {
            headers.put("Authorization", List.of(authorization));
        }
        edit(headers);
    }

    /**
     * Sets the headers every backend gets: the request id (the client's if it was sane, else the one the
     * gateway made, so the backend logs the id the client sees) and, when known, the caller and client type.
     */
    public void addTo(Map<String, List<String>> headers) {
        addIdentity(headers);
        edit(headers);
    }

    private void edit(Map<String, List<String>> headers) {
        if (edit != null) {
            edit.rules().applyTo(headers, edit.variables());
        }
    }

    private void addIdentity(Map<String, List<String>> headers) {
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

    @Override
    public String toString() {
        return "CallContext[requestId=" + requestId + ", subject=" + subject + ", roles=" + roles + ", clientType="
                + clientType + ", traceparent=" + traceparent + ", authorization=" + (authorization == null ? "none" : "(hidden)")
                + "]";
    }

    /** {@code version-traceid-parentid-flags}, lower-case hex (W3C Trace Context §3.2), else null. */
    static String wellFormedTraceparent(String value) {
        if (value == null || value.length() != 55 || value.startsWith("ff")) {
            return null;
        }
        for (int i = 0; i < 55; i++) {
            char c = value.charAt(i);
            boolean dash = i == 2 || i == 35 || i == 52;
            if (dash ? c != '-' : !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return null;
            }
        }
        return value;
    }

    /** Printable ASCII of at most {@value #TRACESTATE_MAX} characters, else null. */
    static String wellFormedTracestate(String value) {
        return value == null || value.isEmpty() || value.length() > TRACESTATE_MAX || !printableAscii(value) ? null : value;
    }

    /** Whether every character is printable ASCII: what an ASCII header or gRPC metadata value may hold. */
    public static boolean printableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The token's claim wins over the header; anything but the three known types counts as none. */
    public static String clientType(String claim, String header) {
        String wanted = (claim != null ? claim : header == null ? "" : header).trim().toLowerCase(Locale.ROOT);
        return CLIENT_TYPES.contains(wanted) ? wanted : null;
    }
}

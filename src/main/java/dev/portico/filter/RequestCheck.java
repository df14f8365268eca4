package dev.portico.filter;

import dev.portico.config.Limits;
import dev.portico.problem.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pure checks of a request's framing and size before routing (SPEC §11): at most one Host and one
 * Authorization, one Content-Length value and not with Transfer-Encoding, a header block and a URI within the limits.
 */
public final class RequestCheck {
    private RequestCheck() {
    }

    public static Optional<GatewayException> problem(Map<String, List<String>> headers, String rawUri, Limits limits) {
        if (rawUri.length() > limits.maxUriBytes()) {
            return Optional.of(new GatewayException(414, "URI Too Long",
                    "The request URI may be at most " + limits.maxUriBytes() + " bytes."));
        }
        long headerBytes = 0;
        int hosts = 0;
        int authorizations = 0;
        java.util.Set<String> lengths = java.util.Set.of(); // a set of its own only when there is a Content-Length
        boolean chunked = false;
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey();
            for (String value : header.getValue()) {
                headerBytes += name.length() + 2 + (value == null ? 0 : value.length()) + 2;
                if (value != null && hasControl(value)) {
                    return Optional.of(GatewayException.badRequest("The header " + printable(name)
                            + " has a control character in its value."));
                }
            }
            if (name.equalsIgnoreCase("Host")) {
                hosts += header.getValue().size();
            } else if (name.equalsIgnoreCase("Authorization")) {
                authorizations += header.getValue().size();
            } else if (name.equalsIgnoreCase("Content-Length")) {
                if (lengths.isEmpty()) {
                    lengths = new java.util.HashSet<>();
                }
                java.util.Set<String> into = lengths;
                header.getValue().forEach(v -> into.addAll(List.of(String.valueOf(v).split("\\s*,\\s*"))));
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = true;
            }
        }
        if (headerBytes > limits.maxHeaderBytes()) {
            return Optional.of(new GatewayException(431, "Request Header Fields Too Large",
                    "The request headers may be at most " + limits.maxHeaderBytes() + " bytes."));
        }
        // No Host at all is fine: HTTP/2 carries :authority instead, and HTTP/1.0 may omit it.
        if (hosts > 1) {
            return Optional.of(GatewayException.badRequest("The request has more than one Host header."));
        }
        if (authorizations > 1) {
            return Optional.of(GatewayException.badRequest("The request has more than one Authorization header."));
        }
        for (String length : lengths) {
            if (length.isEmpty() || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.of(GatewayException.badRequest("The Content-Length is not a number of bytes."));
            }
        }
        if (lengths.size() > 1) {
            return Optional.of(GatewayException.badRequest("The request has conflicting Content-Length values."));
        }
        if (!lengths.isEmpty() && chunked) {
            return Optional.of(GatewayException.badRequest(
                    "The request has both Content-Length and Transfer-Encoding (ambiguous framing)."));
        }
        return Optional.empty();
    }

    /** RFC 9110 §5.5: a field value holds no control characters but HTAB (NUL, CR and LF included). */
    private static boolean hasControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String name) {
        return name.chars().allMatch(c -> c > 0x20 && c < 0x7f) && name.length() <= 64 ? name : "(unprintable)";
    }
}

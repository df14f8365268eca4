package dev.portico.filter;

import java.util.Optional;

/** Pure checks of a raw request path: bad percent-encoding, dot segments, control characters. */
public final class PathCheck {
    private PathCheck() {
    }

    /** @return why the path is rejected, or empty when it is acceptable */
    public static Optional<String> problem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder decoded = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%') {
                if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                    return Optional.of("The path has a malformed percent-encoding.");
                }
                c = (char) (hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2)));
                i += 2;
                if (c == '/' || c == '\\') {
                    return Optional.of("The path has an encoded slash.");
                }
            }
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("The path has a control character.");
            }
            decoded.append(c);
        }
        for (String segment : decoded.toString().split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.of("The path has a dot segment.");
            }
        }
        return Optional.empty();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

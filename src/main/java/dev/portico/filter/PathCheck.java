package dev.portico.filter;

import java.util.Optional;

/**
 * Pure checks of a raw request path. Anything a backend or a later decoding could read differently
 * from the gateway is refused, so the path that is authorized is the path that is forwarded: bad
 * percent-encoding, dot segments, encoded slashes, backslashes, control characters, {@code ;} path
 * parameters and empty segments, at every level of (double, triple) percent-encoding.
 */
public final class PathCheck {
    private static final int MAX_DECODINGS = 3;

    private PathCheck() {
    }

    /** @return why the path is rejected, or empty when it is acceptable */
    public static Optional<String> problem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) > 0x7e) {
                return Optional.of("The path has a character that must be percent-encoded.");
            }
        }
        if (rawPath.indexOf('%') < 0) {
            return plain(rawPath); // nothing to decode: the common case, checked once
        }
        String path = rawPath;
        for (int level = 0; level < MAX_DECODINGS; level++) {
            Optional<String> bad = plain(path);
            if (bad.isPresent()) {
                return bad;
            }
            StringBuilder decoded = new StringBuilder(path.length());
            for (int i = 0; i < path.length(); i++) {
                char c = path.charAt(i);
                if (c == '%') {
                    if (i + 2 >= path.length() || hex(path.charAt(i + 1)) < 0 || hex(path.charAt(i + 2)) < 0) {
                        return Optional.of(level == 0 ? "The path has a malformed percent-encoding."
                                : "The path is percent-encoded more than once.");
                    }
                    c = (char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                    i += 2;
                    if (c == '/') {
                        return Optional.of("The path has an encoded slash.");
                    }
                    if (c == ';') {
                        return Optional.of("The path has an encoded ';'.");
                    }
                }
                decoded.append(c);
            }
            if (decoded.length() == path.length()) {
                return Optional.empty(); // nothing left to decode
            }
            path = decoded.toString();
        }
        return Optional.of("The path is percent-encoded more than once.");
    }

    /** @return why the raw query is rejected (a raw control or non-ASCII character, a malformed escape), or empty */
    public static Optional<String> queryProblem(String rawQuery) {
        if (rawQuery == null) {
            return Optional.empty();
        }
        for (int i = 0; i < rawQuery.length(); i++) {
            char c = rawQuery.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return Optional.of("The query has a character that must be percent-encoded.");
            }
            if (c == '%' && (i + 2 >= rawQuery.length() || hex(rawQuery.charAt(i + 1)) < 0 || hex(rawQuery.charAt(i + 2)) < 0)) {
                return Optional.of("The query has a malformed percent-encoding.");
            }
        }
        return Optional.empty();
    }

    /** Checks of one decoding level, as characters stand. */
    private static Optional<String> plain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("The path has a control character.");
            }
            if (c == '\\') {
                return Optional.of("The path has a backslash.");
            }
            if (c == ';') {
                return Optional.of("The path has a ';' parameter, which the gateway does not accept.");
            }
        }
        // Segment by segment, without splitting: [start, end) is one segment.
        for (int start = 0; start <= path.length(); ) {
            int end = path.indexOf('/', start);
            boolean last = end < 0;
            if (last) {
                end = path.length();
            }
            int length = end - start;
            if ((length == 1 || length == 2) && path.charAt(start) == '.' && path.charAt(end - 1) == '.') {
                return Optional.of("The path has a dot segment.");
            }
            if (length == 0 && start > 0 && !last) {
                return Optional.of("The path has an empty segment (//).");
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}

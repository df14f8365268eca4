package dev.portico.cache;

/**
 * A single byte range of a stored response (RFC 9110 §14): what a {@code Range} request may be answered with
 * from a stored 200, honouring {@code If-Range}. Several ranges, other units or a bad header: the whole response.
 */
public final class Ranges {
    /** A slice to send as 206: first and last byte, inclusive. */
    public record Slice(long first, long last) {
        public long length() {
            return last - first + 1;
        }
    }

    /** The range asked for lies beyond the body: 416. */
    public static final Slice UNSATISFIABLE = new Slice(-1, -2);

    private Ranges() {
    }

    /** The slice of a body of {@code length} bytes to send, {@link #UNSATISFIABLE}, or null for the whole body. */
    public static Slice of(String range, String ifRange, Stored stored, long length) {
        if (range == null || ifRange != null && !current(ifRange.trim(), stored)) {
            return null;
        }
        String spec = range.trim();
        if (!spec.regionMatches(true, 0, "bytes=", 0, 6) || spec.indexOf(',') >= 0) {
            return null;
        }
        spec = spec.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (from.isEmpty()) { // the last n bytes
                long suffix = Long.parseLong(to);
                return suffix <= 0 ? UNSATISFIABLE : new Slice(Math.max(0, length - suffix), length - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? length - 1 : Math.min(Long.parseLong(to), length - 1);
            if (first < 0 || !to.isEmpty() && Long.parseLong(to) < first) {
                return null; // invalid: ignored
            }
            return first >= length ? UNSATISFIABLE : new Slice(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** If-Range: a strong ETag equal to the stored one, or the stored Last-Modified exactly. */
    private static boolean current(String ifRange, Stored stored) {
        if (ifRange.startsWith("\"")) {
            String etag = stored.header("ETag");
            return etag != null && !etag.startsWith("W/") && etag.trim().equals(ifRange);
        }
        Long date = HttpDate.parse(ifRange);
        Long modified = HttpDate.parse(stored.header("Last-Modified"));
        return date != null && date.equals(modified);
    }
}

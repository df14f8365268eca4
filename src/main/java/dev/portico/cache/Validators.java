package dev.portico.cache;

/** A client's conditional GET against a stored response (RFC 9110 §13.1.2, §13.1.3, §13.2.2). */
public final class Validators {
    private Validators() {
    }

    /**
     * Whether the client already has the stored response: {@code If-None-Match} decides when present (weak
     * comparison, {@code *} matches anything), else {@code If-Modified-Since} against its Last-Modified (or Date).
     */
    public static boolean notModified(Stored stored, String ifNoneMatch, String ifModifiedSince) {
        if (ifNoneMatch != null) {
            String etag = stored.header("ETag");
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || etag != null && opaque(t).equals(opaque(etag.trim()))) {
                    return true;
                }
            }
            return false;
        }
        Long since = HttpDate.parse(ifModifiedSince);
        // Without a Last-Modified, its Date stands in (RFC 9110 §13.1.3: the time it was known to be current).
        String lastModified = stored.header("Last-Modified");
        Long modified = HttpDate.parse(lastModified != null ? lastModified : stored.header("Date"));
        return since != null && modified != null && modified <= since;
    }

    /** Whether a conditional request could refresh it (it has an ETag or a Last-Modified). */
    public static boolean revalidatable(Stored stored) {
        return stored.header("ETag") != null || stored.header("Last-Modified") != null;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}

package dev.portico.filter;

import java.util.regex.Pattern;

/** Pure rule of API versioning: which versioned path an {@code /api} request goes to. */
public final class Versions {
    private static final Pattern VERSIONED = Pattern.compile("/api/v\\d+(/.*)?");
    private static final Pattern HEADER = Pattern.compile("v?([1-9]\\d{0,2})");
    /** Unversioned paths that are routes of their own (the seed's reference flow). */
    private static final String SEED_ALIAS = "/api/user/";

    private Versions() {
    }

    /**
     * @param header the {@code Api-Version} header (e.g. {@code 2} or {@code v2}), or null
     * @return the path to route; unchanged when already versioned or outside /api
     * @throws IllegalArgumentException when the header is not a version
     */
    public static String route(String rawPath, String header, String defaultVersion) {
        if (!rawPath.startsWith("/api/") || VERSIONED.matcher(rawPath).matches() || rawPath.startsWith(SEED_ALIAS)) {
            return rawPath;
        }
        String version = defaultVersion;
        if (header != null) {
            var m = HEADER.matcher(header.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("Api-Version must be a version number such as 1 or 2.");
            }
            version = "v" + m.group(1);
        }
        return "/api/" + version + rawPath.substring(4);
    }
}

package dev.portico.backend;

/**
 * Whether a backend connection may carry another request once this response's body has been read
 * (RFC 9112 §9.3 and §6.3): not when either the backend says {@code close}, nor when the body ends only when
 * the connection closes (neither chunked nor one {@code Content-Length}). Fed the response's headers in the
 * one pass that copies them; HttpCore's reuse strategy walked them again, several times (~9 % of a
 * pass-through's samples at low load).
 */
final class KeepAlive {
    private boolean close;
    private boolean keepAliveToken;
    private boolean otherToken;
    private boolean transferCoded;
    private boolean chunked;
    private int lengths;

    /** Notes one response header. */
    void header(String name, String value) {
        switch (name.length()) {
            case 10 -> {
                if ("Connection".equalsIgnoreCase(name)) {
                    for (String token : value.split(",")) {
                        String t = token.trim();
                        close |= "close".equalsIgnoreCase(t);
                        keepAliveToken |= "keep-alive".equalsIgnoreCase(t);
                        otherToken |= !t.isEmpty() && !"close".equalsIgnoreCase(t) && !"keep-alive".equalsIgnoreCase(t);
                    }
                }
            }
            case 14 -> {
                if ("Content-Length".equalsIgnoreCase(name)) {
                    lengths++;
                }
            }
            case 17 -> {
                if ("Transfer-Encoding".equalsIgnoreCase(name)) {
                    transferCoded = true;
                    int comma = value.lastIndexOf(',');
                    chunked = "chunked".equalsIgnoreCase(value.substring(comma + 1).trim()); // the last coding counts
                }
            }
            default -> {
            }
        }
    }

    /**
     * The verdict once all headers are in.
     *
     * @param http11  whether the response is HTTP/1.1 (an HTTP/1.0 one persists only if it says keep-alive)
     * @param bodiless whether the response has no body whatever its headers say (HEAD, 1xx, 204, 304)
     */
    boolean reusable(boolean http11, boolean bodiless) {
        // A Connection that names other headers but not keep-alive: Node.js, for one, closes such a connection
        // after the answer although HTTP/1.1 would keep it; a new connection next time costs little.
        if (close || !http11 && !keepAliveToken || otherToken && !keepAliveToken) {
            return false;
        }
        if (bodiless) {
            return true;
        }
        return transferCoded ? chunked : lengths == 1;
    }
}

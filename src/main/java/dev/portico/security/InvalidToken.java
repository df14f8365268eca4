package dev.portico.security;

/** A bearer token the gateway refuses; the message is safe to show the client (never token content). */
public class InvalidToken extends RuntimeException {
    public InvalidToken(String reason) {
        super(reason, null, false, false);
    }
}

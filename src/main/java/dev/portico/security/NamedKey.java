package dev.portico.security;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * A verification key and its {@code kid} (null for PEM keys, which have none).
 */
public record NamedKey(String kid, PublicKey key) {

    /** Whether this key may verify a signature of {@code alg}: RSA for RS256, P-256 for ES256, nothing else. */
    public boolean fits(String alg) {
        return switch (alg) {
            case "RS256" -> key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048;
            case "ES256" -> key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256;
            default -> false;
        };
    }
}

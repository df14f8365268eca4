package dev.portico.security;

import dev.portico.json.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses verification keys from PEM ({@code PUBLIC KEY} blocks, RSA or EC) or JWKS JSON text. */
public final class PublicKeys {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

    private PublicKeys() {
    }

    /** Keys in {@code text}, PEM or JWKS (a JSON object with {@code keys}); fails when there are none. */
    public static List<NamedKey> parse(String text) {
        String trimmed = text.trim();
        List<NamedKey> keys = trimmed.startsWith("{") ? jwks(trimmed) : pem(trimmed);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no usable RSA or EC P-256 public key found");
        }
        return keys;
    }

    static List<NamedKey> pem(String text) {
        List<NamedKey> keys = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
            keys.add(new NamedKey(null, x509(der)));
        }
        return keys;
    }

    static List<NamedKey> jwks(String json) {
        JsonObject set;
        try {
            set = Jsons.JSON.createReader(new StringReader(json)).readObject();
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException("the JWKS is not a JSON object");
        }
        List<NamedKey> keys = new ArrayList<>();
        if (!(set.get("keys") instanceof jakarta.json.JsonArray array)) {
            throw new IllegalArgumentException("the JWKS has no \"keys\" array");
        }
        for (JsonValue value : array) {
            if (value instanceof JsonObject jwk && !"enc".equals(text(jwk, "use"))) {
                PublicKey key = jwk(jwk);
                if (key != null) {
                    keys.add(new NamedKey(text(jwk, "kid"), key));
                }
            }
        }
        return keys;
    }

    /** One JWK as a key; null for key types the gateway does not verify with (skipped, as RFC 7517 §5 allows). */
    private static PublicKey jwk(JsonObject jwk) {
        try {
            return switch (String.valueOf(text(jwk, "kty"))) {
                case "RSA" -> KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(unsigned(jwk, "n"), unsigned(jwk, "e")));
                case "EC" -> "P-256".equals(text(jwk, "crv"))
                        ? KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                                new ECPoint(unsigned(jwk, "x"), unsigned(jwk, "y")), p256()))
                        : null;
                default -> null;
            };
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static PublicKey x509(byte[] der) {
        for (String type : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new IllegalArgumentException("a PEM block is neither an RSA nor an EC public key");
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static BigInteger unsigned(JsonObject jwk, String member) {
        String value = text(jwk, member);
        if (value == null) {
            throw new IllegalArgumentException("missing " + member);
        }
        return new BigInteger(1, Base64.getUrlDecoder().decode(value));
    }

    private static String text(JsonObject object, String member) {
        return object.get(member) instanceof JsonString s ? s.getString() : null;
    }
}

package dev.portico.security;

import dev.portico.config.JwtDefinition;
import dev.portico.json.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Verifies a compact JWS bearer token per RFC 8725: cheap checks first (size, shape, header), then the
 * signature with an allow-listed algorithm and a key of the matching type, then the claims. Tokens that
 * verified are remembered (bounded): a repeat costs a map lookup and an expiry check, as long as the key
 * that verified it is still among the current keys.
 */
public final class JwtVerifier {
    /** The only algorithms accepted; each needs a key of its own type (no RSA key for an HMAC, say). */
    public static final Set<String> ALGORITHMS = Set.of("RS256", "ES256");
    /** Header members that point at keys elsewhere or inline: never followed, the token is refused. */
    private static final Set<String> FORBIDDEN_HEADERS = Set.of("jku", "x5u", "jwk", "x5c", "crit");
    private static final Set<String> TYPES = Set.of("jwt", "at+jwt", "application/jwt", "application/at+jwt");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    /** A token that verified: who it names, until when, and with which key. */
    private record Verified(Caller caller, long exp, NamedKey key) {
    }

    /**
     * A token as the key of the verified ones: hashed on its last characters (the signature's, random)
     * rather than on all of its ~600 (a fresh string per request, ~2 % of a JWT route's CPU in JFR), and
     * equal to another only when every character is. Only tokens that verified are ever stored.
     */
    private record TokenKey(String token) {
        private static final int HASHED = 24;

        @Override
        public int hashCode() {
            int h = token.length();
            for (int i = Math.max(0, token.length() - HASHED); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            return h;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenKey key && key.token.equals(token);
        }
    }

    private final JwtDefinition settings;
    private final KeySet keys;
    private final int cacheSize;
    private final Map<TokenKey, Verified> verified = new ConcurrentHashMap<>();

    /** @param cacheSize how many verified tokens to remember (0: verify every time) */
    public JwtVerifier(JwtDefinition settings, KeySet keys, int cacheSize) {
        this.settings = settings;
        this.keys = keys;
        this.cacheSize = cacheSize;
    }

    /** The caller the token names; {@link InvalidToken} with a client-safe reason otherwise. */
    public Caller verify(String token, Instant now) {
        if (token.length() > settings.maxTokenBytes()) {
            throw new InvalidToken("The token is longer than " + settings.maxTokenBytes() + " bytes.");
        }
        TokenKey remembered = new TokenKey(token);
        Verified known = verified.get(remembered);
        if (known != null && keys.current(known.key())) {
            // The same bytes verified before, with a key still in use: only the lifetime can have changed.
            if (now.getEpochSecond() >= known.exp() + settings.clockSkew().toSeconds()) {
                verified.remove(remembered);
                throw new InvalidToken("The token has expired.");
            }
            return known.caller();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[2].isEmpty()) {
            throw new InvalidToken("The token is not a signed JWT (three base64url parts).");
        }
        for (String part : parts) {
            if (!BASE64URL.matcher(part).matches()) {
                throw new InvalidToken("The token is not a signed JWT (three base64url parts).");
            }
        }
        JsonObject header = json(parts[0], "header");
        String alg = header.get("alg") instanceof JsonString s ? s.getString() : null;
        if (alg == null || !ALGORITHMS.contains(alg)) {
            throw new InvalidToken("The token's algorithm is not accepted (RS256 or ES256 only).");
        }
        for (String member : FORBIDDEN_HEADERS) {
            if (header.containsKey(member)) {
                throw new InvalidToken("The token's header carries '" + member + "', which is not accepted.");
            }
        }
        JsonValue typ = header.get("typ");
        if (typ != null && !(typ instanceof JsonString t && TYPES.contains(t.getString().toLowerCase(Locale.ROOT)))) {
            throw new InvalidToken("The token's type is not a JWT.");
        }
        JsonValue kidValue = header.get("kid");
        if (kidValue != null && !(kidValue instanceof JsonString)) {
            throw new InvalidToken("The token's key id is not a string.");
        }
        String kid = kidValue instanceof JsonString k ? k.getString() : null;
        byte[] signature = decode(parts[2]);
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        NamedKey key = signedBy(keys.candidates(kid, alg), alg, input, signature);
        if (key == null) {
            throw new InvalidToken("The token's signature does not verify with a known key.");
        }
        JsonObject payload = json(parts[1], "payload");
        Caller caller = claims(payload, now);
        if (cacheSize > 0) {
            if (verified.size() >= cacheSize) {
                verified.clear(); // crude, but bounded; a full cache only costs re-verification
            }
            verified.put(remembered, new Verified(caller, seconds(payload, "exp"), key));
        }
        return caller;
    }

    private Caller claims(JsonObject claims, Instant now) {
        long skew = settings.clockSkew().toSeconds();
        long at = now.getEpochSecond();
        if (!(claims.get("iss") instanceof JsonString iss) || !iss.getString().equals(settings.issuer())) {
            throw new InvalidToken("The token's issuer is not accepted.");
        }
        if (!audienceMatches(claims.get("aud"))) {
            throw new InvalidToken("The token is not meant for this audience.");
        }
        Long exp = seconds(claims, "exp");
        if (exp == null) {
            throw new InvalidToken("The token has no expiry (exp).");
        }
        if (at >= exp + skew) {
            throw new InvalidToken("The token has expired.");
        }
        Long nbf = seconds(claims, "nbf");
        if (nbf != null && at < nbf - skew) {
            throw new InvalidToken("The token is not valid yet (nbf).");
        }
        Long iat = seconds(claims, "iat");
        if (iat != null && iat > at + skew) {
            throw new InvalidToken("The token was issued in the future (iat).");
        }
        if (!(claims.get("sub") instanceof JsonString sub) || sub.getString().isBlank()) {
            throw new InvalidToken("The token has no subject (sub).");
        }
        Set<String> roles = new LinkedHashSet<>();
        if (claims.get("groups") instanceof JsonArray groups) {
            groups.stream().filter(JsonString.class::isInstance).map(g -> ((JsonString) g).getString()).forEach(roles::add);
        }
        String clientType = claims.get("client_type") instanceof JsonString c ? c.getString() : null;
        return new Caller(sub.getString(), Set.copyOf(roles), clientType);
    }

    private boolean audienceMatches(JsonValue aud) {
        if (aud instanceof JsonString one) {
            return settings.audiences().contains(one.getString());
        }
        return aud instanceof JsonArray many && many.stream()
                .anyMatch(a -> a instanceof JsonString s && settings.audiences().contains(s.getString()));
    }

    private static Long seconds(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            throw new InvalidToken("The token's '" + name + "' is not a number.");
        }
        return number.bigDecimalValue().longValue();
    }

    /** The candidate whose signature it is, or null. */
    private static NamedKey signedBy(List<NamedKey> candidates, String alg, byte[] input, byte[] signature) {
        if ("ES256".equals(alg) && signature.length != 64) {
            return null;
        }
        for (NamedKey candidate : candidates) {
            try {
                Signature verifier = Signature.getInstance(
                        "RS256".equals(alg) ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
                verifier.initVerify(candidate.key());
                verifier.update(input);
                if (verifier.verify(signature)) {
                    return candidate;
                }
            } catch (GeneralSecurityException e) {
                // a malformed signature for this key: try the next one
            }
        }
        return null;
    }

    private static JsonObject json(String part, String what) {
        try {
            return Jsons.JSON.createReader(new ByteArrayInputStream(decode(part))).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidToken("The token's " + what + " is not a JSON object.");
        }
    }

    private static byte[] decode(String part) {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidToken("The token is not a signed JWT (three base64url parts).");
        }
    }
}

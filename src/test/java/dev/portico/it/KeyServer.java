package dev.portico.it;

import static dev.portico.json.Jsons.JSON;

import dev.portico.demo.HttpService;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JWKS endpoint ({@code GET /jwks.json}) serving the dev keys under kid {@code portico-dev}, plus any
 * key a test adds (rotation); its recorded requests count the gateway's fetches.
 */
final class KeyServer extends HttpService {
    private final List<JsonObject> extra = new CopyOnWriteArrayList<>();

    KeyServer(int port) {
        super("keys", port);
    }

    /** Publishes another key, as an identity provider does when it rotates. */
    void publish(String kid, PublicKey key) {
        extra.add(jwk(kid, key));
    }

    @Override
    public void reset() {
        super.reset();
        extra.clear();
    }

    @Override
    protected Reply handle(String method, String path, String query, String body) {
        if (!path.equals("/jwks.json")) {
            return Reply.json(404, "{}");
        }
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        devKeys().forEach(k -> keys.add(jwk("portico-dev", k)));
        extra.forEach(keys::add);
        return Reply.json(200, JSON.createObjectBuilder().add("keys", keys).build().toString());
    }

    private static List<PublicKey> devKeys() {
        try {
            String pem = Files.readString(Path.of(System.getProperty("dev.keys.dir", "target/dev-keys"), "public.pem"));
            Matcher m = Pattern.compile("-----BEGIN PUBLIC KEY-----([^-]+)-----END PUBLIC KEY-----").matcher(pem);
            List<PublicKey> keys = new ArrayList<>();
            while (m.find()) {
                X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
                try {
                    keys.add(KeyFactory.getInstance("RSA").generatePublic(spec));
                } catch (java.security.GeneralSecurityException notRsa) {
                    keys.add(KeyFactory.getInstance("EC").generatePublic(spec));
                }
            }
            return keys;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject jwk(String kid, PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return JSON.createObjectBuilder().add("kty", "RSA").add("kid", kid).add("use", "sig").add("alg", "RS256")
                    .add("n", b64(rsa.getModulus(), 0)).add("e", b64(rsa.getPublicExponent(), 0)).build();
        }
        ECPublicKey ec = (ECPublicKey) key;
        return JSON.createObjectBuilder().add("kty", "EC").add("kid", kid).add("use", "sig").add("alg", "ES256")
                .add("crv", "P-256").add("x", b64(ec.getW().getAffineX(), 32)).add("y", b64(ec.getW().getAffineY(), 32))
                .build();
    }

    /** Unsigned big-endian bytes, left-padded to {@code size} when given. */
    private static String b64(BigInteger n, int size) {
        byte[] bytes = n.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        if (size > bytes.length) {
            byte[] padded = new byte[size];
            System.arraycopy(bytes, 0, padded, size - bytes.length, bytes.length);
            bytes = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

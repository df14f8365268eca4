package dev.portico.devtools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints dev JWTs (RS256 or ES256) with local key pairs; JDK only, so it runs as a source file:
 * {@code java src/test/java/dev/portico/devtools/DevToken.java --sub 123 --groups user}.
 * The key pair is generated on first use under target/dev-keys and is never committed.
 */
public final class DevToken {
    public static final String ISSUER = "https://portico.local/dev";
    public static final String AUDIENCE = "portico";
    static final String USAGE = """
            usage: java src/test/java/dev/portico/devtools/DevToken.java [options]
              --sub ID            subject (default 123)
              --groups A,B        groups claim = roles (default user; use admin for admin)
              --ttl DURATION      lifetime: 30s, 15m, 1h (default 1h)
              --client-type T     client_type claim: web, mobile or iot (default none)
              --alg ALG           RS256 (default) or ES256
              --bad VARIANT       a deliberately invalid token: expired, not-yet-valid, future-iat,
                                  wrong-key, wrong-issuer, wrong-audience, no-exp, no-sub, tampered,
                                  alg-none, hs256 (HMAC keyed with the public key), alg-mismatch,
                                  jku, x5u, jwk, crit (forbidden headers), oversized (> 8 KiB)
              --keys DIR          key pair directory (default target/dev-keys)
              --keys-only         only make sure the key pair exists, print nothing
              --count N           N tokens, one per line, for subjects ID-1 .. ID-N (e.g. many consumers)
            """;

    private String subject = "123";
    private String groups = "user";
    private Duration ttl = Duration.ofHours(1);
    private String clientType;
    private String bad;
    private String alg = "RS256";
    private String kid = "portico-dev";
    private PrivateKey key;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static DevToken forSubject(String subject) {
        DevToken t = new DevToken();
        t.subject = subject;
        return t;
    }

    public DevToken groups(String value) {
        groups = value;
        return this;
    }

    public DevToken ttl(Duration value) {
        ttl = value;
        return this;
    }

    public DevToken clientType(String value) {
        clientType = value;
        return this;
    }

    public DevToken alg(String value) {
        alg = value;
        return this;
    }

    /** Signs with this key and names it {@code kid} instead of the dev key (key rotation tests). */
    public DevToken signedWith(String keyId, PrivateKey privateKey) {
        kid = keyId;
        key = privateKey;
        return this;
    }

    public DevToken bad(String variant) {
        bad = variant;
        return this;
    }

    /** Signs the token with the dev key pair in {@code keys} (made there if missing). */
    public String sign(Path keys) throws IOException, GeneralSecurityException {
        boolean ec = "ES256".equals(alg);
        PrivateKey key = "wrong-key".equals(bad) ? (ec ? ecPair() : rsa()).getPrivate()
                : this.key != null ? this.key : ensureKeys(keys, ec);
        Instant now = Instant.now();
        Instant exp = "expired".equals(bad) ? now.minusSeconds(120) : now.plus(ttl);
        Instant iat = "expired".equals(bad) ? now.minusSeconds(720)
                : "future-iat".equals(bad) ? now.plusSeconds(3600) : now;
        List<String> claims = new ArrayList<>();
        claims.add(str("iss", "wrong-issuer".equals(bad) ? "https://evil.example" : ISSUER));
        claims.add(str("aud", "wrong-audience".equals(bad) ? "someone-else" : AUDIENCE));
        if (!"no-sub".equals(bad)) {
            claims.add(str("sub", subject));
        }
        claims.add(str("upn", subject));
        claims.add("\"groups\":[" + java.util.Arrays.stream(groups.split(","))
                .map(String::trim).filter(g -> !g.isEmpty()).map(g -> "\"" + esc(g) + "\"")
                .collect(Collectors.joining(",")) + "]");
        claims.add("\"iat\":" + iat.getEpochSecond());
        if ("not-yet-valid".equals(bad)) {
            claims.add("\"nbf\":" + now.plusSeconds(3600).getEpochSecond());
        }
        if (!"no-exp".equals(bad)) {
            claims.add("\"exp\":" + exp.getEpochSecond());
        }
        claims.add(str("jti", UUID.randomUUID().toString()));
        if (clientType != null) {
            claims.add(str("client_type", clientType));
        }
        if ("oversized".equals(bad)) {
            claims.add(str("padding", "x".repeat(9 * 1024)));
        }
        String headerAlg = switch (String.valueOf(bad)) {
            case "alg-none" -> "none";
            case "hs256" -> "HS256";
            case "alg-mismatch" -> ec ? "RS256" : "ES256";
            default -> alg;
        };
        String extra = switch (String.valueOf(bad)) {
            // Headers that point at other keys: a gateway must refuse them without fetching anything.
            case "jku" -> ",\"jku\":\"http://127.0.0.1:19094/base/jwks.json\"";
            case "x5u" -> ",\"x5u\":\"http://127.0.0.1:19094/base/cert.pem\"";
            case "jwk" -> ",\"jwk\":{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}";
            case "crit" -> ",\"crit\":[\"exp\"]";
            default -> "";
        };
        String header = b64("{\"alg\":\"" + headerAlg + "\",\"typ\":\"JWT\",\"kid\":\"" + esc(kid) + "\"" + extra + "}");
        String payload = b64("{" + String.join(",", claims) + "}");
        String input = header + "." + payload;
        if ("alg-none".equals(bad)) {
            return input + ".";
        }
        if ("hs256".equals(bad)) {
            // The classic key-confusion attack: HMAC keyed with the (public) RSA key's PEM text.
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(Files.readAllBytes(keys.resolve("public.pem")), "HmacSHA256"));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        }
        Signature signer = Signature.getInstance(ec ? "SHA256withECDSAinP1363Format" : "SHA256withRSA");
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        String token = input + "." + B64.encodeToString(signer.sign());
        if ("tampered".equals(bad)) {
            // Same signature, a different subject: the signature no longer matches.
            return header + "."
                    + b64("{" + String.join(",", claims).replace(str("sub", subject), str("sub", "admin")) + "}")
                    + token.substring(token.lastIndexOf('.'));
        }
        return token;
    }

    /** Makes the dev key pairs (RSA and EC P-256) if missing; returns the private key of one. */
    public static PrivateKey ensureKeys(Path dir, boolean ec) throws IOException, GeneralSecurityException {
        Path priv = dir.resolve("private.pem");
        Path ecPriv = dir.resolve("ec-private.pem");
        Path pub = dir.resolve("public.pem");
        if (!Files.exists(priv) || !Files.exists(ecPriv) || !Files.exists(pub)) {
            Files.createDirectories(dir);
            KeyPair rsa = rsa();
            KeyPair p256 = ecPair();
            // Both public keys in one PEM file: the gateway's key location accepts several.
            Files.writeString(pub, pem("PUBLIC KEY", rsa.getPublic().getEncoded())
                    + pem("PUBLIC KEY", p256.getPublic().getEncoded()));
            Files.writeString(priv, pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
            Files.writeString(ecPriv, pem("PRIVATE KEY", p256.getPrivate().getEncoded()));
        }
        String body = Files.readString(ec ? ecPriv : priv).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(ec ? "EC" : "RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    /**
     * A self-signed TLS certificate for 127.0.0.1 (tls-server.p12) and a trust store holding it
     * (tls-trust.p12), both with password {@code changeit}, made with the JDK's keytool if missing.
     * Tests use them for a backend spoken to over TLS.
     */
    public static void ensureTls(Path dir) throws IOException, InterruptedException {
        Path server = dir.resolve("tls-server.p12");
        Path trust = dir.resolve("tls-trust.p12");
        if (Files.exists(server) && Files.exists(trust)) {
            return;
        }
        Files.deleteIfExists(server);
        Files.deleteIfExists(trust);
        Path cert = dir.resolve("tls-server.crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        keytool(keytool, "-genkeypair", "-alias", "backend", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "3650",
                "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool(keytool, "-exportcert", "-rfc", "-alias", "backend", "-keystore", server.toString(),
                "-storepass", "changeit", "-file", cert.toString());
        keytool(keytool, "-importcert", "-noprompt", "-alias", "backend", "-file", cert.toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
    }

    private static void keytool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private static KeyPair ecPair() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return gen.generateKeyPair();
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String str(String name, String value) {
        return "\"" + name + "\":\"" + esc(value) + "\"";
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static Duration duration(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("bad duration: " + text);
        };
    }

    public static void main(String[] args) throws Exception {
        DevToken token = new DevToken();
        Path keys = Path.of("target", "dev-keys");
        boolean keysOnly = false;
        int count = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sub" -> token.subject = args[++i];
                    case "--groups" -> token.groups = args[++i];
                    case "--ttl" -> token.ttl = duration(args[++i]);
                    case "--client-type" -> token.clientType = args[++i];
                    case "--bad" -> token.bad = args[++i];
                    case "--alg" -> token.alg = args[++i].toUpperCase(java.util.Locale.ROOT);
                    case "--keys" -> keys = Path.of(args[++i]);
                    case "--keys-only" -> keysOnly = true;
                    case "--count" -> count = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() == null ? "missing value" : e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
        if (keysOnly) {
            ensureKeys(keys, false);
            ensureTls(keys);
            return;
        }
        if (count <= 0) {
            System.out.println(token.sign(keys));
            return;
        }
        String subject = token.subject;
        for (int n = 1; n <= count; n++) {
            token.subject = subject + "-" + n;
            System.out.println(token.sign(keys));
        }
    }
}

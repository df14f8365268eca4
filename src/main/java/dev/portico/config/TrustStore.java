package dev.portico.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a backend's TLS server certificate must chain to, from
 * {@code portico.backend.<id>.tls.trust-store} (PKCS12 or JKS); loaded at start-up, so a bad file stops it.
 */
public record TrustStore(Path path, KeyStore keyStore) {

    static TrustStore load(String key, String path, String password, String type) {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            if (store.size() == 0) {
                throw new ConfigException(key, "'" + path + "' holds no certificate");
            }
            return new TrustStore(Path.of(path), store);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(key, "cannot read '" + path + "' as a " + type + " trust store (" + e.getMessage() + ")");
        }
    }

    /** A TLS context that trusts this store's certificates only (hostnames are still verified). */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context from " + path, e);
        }
    }
}

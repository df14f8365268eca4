package dev.portico.it;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** The echo backend over TLS, with the build's self-signed certificate for 127.0.0.1 (DevToken.ensureTls). */
final class TlsEchoService extends EchoService {
    TlsEchoService(String name, int port) {
        super(name, port);
    }

    @Override
    protected HttpServer bind(InetSocketAddress address) throws IOException {
        HttpsServer server = HttpsServer.create(address, 256);
        server.setHttpsConfigurator(new HttpsConfigurator(context()));
        return server;
    }

    private static SSLContext context() throws IOException {
        Path store = Path.of(System.getProperty("dev.keys.dir", "target/dev-keys"), "tls-server.p12");
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, "changeit".toCharArray());
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}

package dev.portico.config;

import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * The TLS context of the control plane's MP Rest Clients. Liberty's own listener replaces whatever context a
 * builder was given with Liberty's SSL configuration (OpenLiberty issue 33537), whose trust store is the
 * server's key store; this listener (named in META-INF/services, run after Liberty's) puts back the context
 * the builder carries under {@link #CONTEXT}.
 */
public final class ClientTls implements RestClientListener {
    static final String CONTEXT = "dev.portico.tls-context";

    /** {@code builder}, trusting what {@code context} trusts. */
    public static RestClientBuilder trusting(RestClientBuilder builder, SSLContext context) {
        return builder.sslContext(context).property(CONTEXT, context);
    }

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (builder.getConfiguration().getProperty(CONTEXT) instanceof SSLContext context) {
            builder.sslContext(context);
        }
    }
}

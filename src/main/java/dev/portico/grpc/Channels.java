package dev.portico.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.util.function.UnaryOperator;

/** A channel to a backend instance's base URL: TLS for {@code https}, plaintext otherwise, ports defaulted. */
final class Channels {
    private Channels() {
    }

    static ManagedChannel open(URI base, UnaryOperator<NettyChannelBuilder> options) {
        boolean tls = "https".equals(base.getScheme());
        NettyChannelBuilder builder = options.apply(
                NettyChannelBuilder.forAddress(base.getHost(), base.getPort() > 0 ? base.getPort() : tls ? 443 : 80));
        return (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
    }
}

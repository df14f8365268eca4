package dev.portico.backend;

import dev.portico.grpc.GrpcStatuses;
import dev.portico.problem.RequestIds;
import dev.portico.proto.product.GetProductRequest;
import dev.portico.proto.product.ListProductsRequest;
import dev.portico.proto.product.ListProductsResponse;
import dev.portico.proto.product.Product;
import dev.portico.proto.product.ProductServiceGrpc;
import dev.portico.proto.product.ProductServiceGrpc.ProductServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.GlobalEventExecutor;
import io.grpc.stub.MetadataUtils;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@code products} backend over gRPC, through the same resilience stack as every other backend:
 * one channel per instance, balanced, with the per-try deadline as the gRPC deadline. UNAVAILABLE and
 * DEADLINE_EXCEEDED are transient failures; any other status is the backend's answer.
 */
@ApplicationScoped
public class ProductBackend {
    static final String ID = "products";
    private static final Metadata.Key<String> REQUEST_ID = key(RequestIds.HEADER);
    private static final Metadata.Key<String> SUBJECT = key(CallContext.SUBJECT_HEADER);
    private static final Metadata.Key<String> ROLES = key(CallContext.ROLES_HEADER);
    private static final Metadata.Key<String> CLIENT_TYPE = key(CallContext.CLIENT_TYPE_HEADER);
    private static final Metadata.Key<String> TRACEPARENT = key("traceparent");
    private static final Metadata.Key<String> TRACESTATE = key("tracestate");
    private static final Metadata.Key<String> AUTHORIZATION = key("authorization");

    @Inject
    Backends backends;
    @Inject
    Forwarder forwarder;
    @Inject
    PartThreads threads;

    private Backend backend;
    private Executor parts;
    private final Map<Instance, ManagedChannel> channels = new ConcurrentHashMap<>();
    /**
     * The channels' own threads, not grpc-java's shared ones: those are released a second after the last
     * channel closes, when the application's classes are already gone (Liberty then logs CWWKL0002E).
     */
    private final NioEventLoopGroup eventLoop = new NioEventLoopGroup(1);
    private final ExecutorService offload = Executors.newSingleThreadExecutor();

    @PostConstruct
    void connect() {
        backend = backends.get(ID);
        parts = threads.executor();
        for (Instance instance : backend.instances()) {
            channels.put(instance, channel(instance.base(), backend.definition().connectTimeout(), eventLoop, offload));
        }
    }

    private static ManagedChannel channel(URI uri, Duration connectTimeout, NioEventLoopGroup eventLoop,
            ExecutorService offload) {
        boolean tls = "https".equals(uri.getScheme());
        NettyChannelBuilder builder = NettyChannelBuilder
                .forAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                .eventLoopGroup(eventLoop)
                .channelType(NioSocketChannel.class)
                .directExecutor() // blocking stubs wait on their own thread; nothing to hand over
                .offloadExecutor(offload)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis());
        return (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
    }

    /** Channels are closed, and their threads gone, before the application's classes are. */
    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        try {
            for (ManagedChannel channel : channels.values()) {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            offload.shutdownNow();
            GlobalEventExecutor.INSTANCE.awaitInactivity(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public CompletableFuture<Product> product(String id, CallContext ctx, Deadline deadline) {
        return call(ctx, deadline, s -> s.getProduct(GetProductRequest.newBuilder().setId(id).build()));
    }

    public CompletableFuture<ListProductsResponse> products(List<String> ids, CallContext ctx, Deadline deadline) {
        return call(ctx, deadline, s -> s.listProducts(ListProductsRequest.newBuilder().addAllIds(ids).build()));
    }

    /** Reads only, so every transient failure may be retried on another instance. */
    private <T> CompletableFuture<T> call(CallContext ctx, Deadline deadline, Function<ProductServiceBlockingStub, T> rpc) {
        Metadata headers = metadata(ctx, backend.definition().forwardToken());
        Transport<T> transport = (instance, timeout) -> {
            ProductServiceBlockingStub stub = ProductServiceGrpc.newBlockingStub(channels.get(instance))
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                return rpc.apply(stub);
            } catch (StatusRuntimeException e) {
                if (GrpcStatuses.transientFailure(e.getStatus().getCode())) {
                    throw new Transport.Failure(e.getStatus().getCode().name(),
                            e.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED ? 504 : 503, refused(e), e);
                }
                throw GrpcStatuses.map(ID, e);
            }
        };
        return CompletableFuture.supplyAsync(() -> forwarder.call(backend, transport, true, deadline), parts);
    }

    /** The call's context as gRPC metadata: the same headers an HTTP call of the gateway's own carries. */
    private static Metadata metadata(CallContext ctx, boolean forwardToken) {
        Metadata headers = new Metadata();
        put(headers, REQUEST_ID, ctx.requestId());
        put(headers, SUBJECT, ctx.subject());
        put(headers, ROLES, ctx.roles());
        put(headers, CLIENT_TYPE, ctx.clientType());
        put(headers, TRACEPARENT, ctx.traceparent());
        put(headers, TRACESTATE, ctx.tracestate());
        if (forwardToken && ctx.authorization() != null && CallContext.printableAscii(ctx.authorization())) {
            headers.put(AUTHORIZATION, ctx.authorization());
        }
        return headers;
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static Metadata.Key<String> key(String header) {
        return Metadata.Key.of(header.toLowerCase(Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
    }

    private static void put(Metadata headers, Metadata.Key<String> key, String value) {
        if (value != null) {
            headers.put(key, value);
        }
    }
}

package dev.portico.backend;

import dev.portico.config.BackendDefinition;
import dev.portico.config.GatewayConfig;
import dev.portico.filter.RequestIds;
import dev.portico.grpc.GrpcStatuses;
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
import io.grpc.stub.MetadataUtils;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Calls to the {@code products} backend over gRPC, with a deadline per try and MP FT around it. */
@ApplicationScoped
public class ProductBackend {
    static final String ID = "products";
    private static final Metadata.Key<String> REQUEST_ID = key(RequestIds.HEADER);
    private static final Metadata.Key<String> SUBJECT = key(CallContext.SUBJECT_HEADER);
    private static final Metadata.Key<String> ROLES = key(CallContext.ROLES_HEADER);
    private static final Metadata.Key<String> CLIENT_TYPE = key(CallContext.CLIENT_TYPE_HEADER);

    @Inject
    GatewayConfig config;

    private ManagedChannel channel;
    private ProductServiceBlockingStub stub;
    private long deadlineMillis;

    @PostConstruct
    void connect() {
        BackendDefinition backend = config.backend(ID);
        URI uri = backend.primary();
        boolean tls = "https".equals(uri.getScheme());
        NettyChannelBuilder builder = NettyChannelBuilder
                .forAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80)
                .withOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) backend.connectTimeout().toMillis());
        channel = (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
        stub = ProductServiceGrpc.newBlockingStub(channel);
        deadlineMillis = backend.timeout().toMillis();
    }

    @PreDestroy
    void close() {
        channel.shutdownNow();
    }

    @Asynchronous
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, retryOn = BackendUnreachable.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            failOn = {BackendUnreachable.class, TimeoutException.class})
    @Bulkhead(value = 64, waitingTaskQueue = 128)
    public CompletionStage<Product> product(String id, CallContext ctx) {
        return call(ctx, s -> s.getProduct(GetProductRequest.newBuilder().setId(id).build()));
    }

    @Asynchronous
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, retryOn = BackendUnreachable.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            failOn = {BackendUnreachable.class, TimeoutException.class})
    @Bulkhead(value = 64, waitingTaskQueue = 128)
    public CompletionStage<ListProductsResponse> products(List<String> ids, CallContext ctx) {
        return call(ctx, s -> s.listProducts(ListProductsRequest.newBuilder().addAllIds(ids).build()));
    }

    private <T> CompletionStage<T> call(CallContext ctx, Function<ProductServiceBlockingStub, T> rpc) {
        Metadata headers = new Metadata();
        put(headers, REQUEST_ID, ctx.requestId());
        put(headers, SUBJECT, ctx.subject());
        put(headers, ROLES, ctx.roles());
        put(headers, CLIENT_TYPE, ctx.clientType());
        try {
            return CompletableFuture.completedFuture(rpc.apply(stub
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)));
        } catch (StatusRuntimeException e) {
            throw GrpcStatuses.map(ID, e);
        }
    }

    private static Metadata.Key<String> key(String header) {
        return Metadata.Key.of(header.toLowerCase(java.util.Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER);
    }

    private static void put(Metadata headers, Metadata.Key<String> key, String value) {
        if (value != null) {
            headers.put(key, value);
        }
    }
}

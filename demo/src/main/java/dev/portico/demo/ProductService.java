package dev.portico.demo;

import dev.portico.proto.product.GetProductRequest;
import dev.portico.proto.product.ListProductsRequest;
import dev.portico.proto.product.ListProductsResponse;
import dev.portico.proto.product.Product;
import dev.portico.proto.product.ProductServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The reference Product service: gRPC with server reflection and gRPC health, own in-memory store. */
public final class ProductService implements AutoCloseable {
    private static final Map<String, Product> PRODUCTS = Map.of(
            "1", product("1", "Analytical Engine", 1_000_000_00L),
            "2", product("2", "Difference Engine", 250_000_00L),
            "3", product("3", "Punched Cards", 5_00L));

    private final int port;
    private final Faults faults = new Faults();
    private final Recorder received = new Recorder();
    private volatile Status.Code failWith;
    private Server server;

    public ProductService(int port) {
        this.port = port;
    }

    private static Product product(String id, String name, long priceCents) {
        return Product.newBuilder().setId(id).setName(name).setPriceCents(priceCents).setCurrency("GBP").build();
    }

    /** Starts listening; does nothing when already started. */
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(ProductServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(ServerInterceptors.intercept(new Products(), new Recording()))
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(health.getHealthService())
                .build()
                .start();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    public Faults faults() {
        return faults;
    }

    /** Fail every call with this gRPC status (null = behave normally). */
    public void failWith(Status.Code code) {
        failWith = code;
    }

    public List<Received> received() {
        return received.list();
    }

    public void reset() {
        faults.reset();
        failWith = null;
        received.clear();
    }

    public int port() {
        return port;
    }

    private boolean failed(StreamObserver<?> out) {
        faults.pause();
        Status.Code code = failWith;
        if (code != null) {
            out.onError(Status.fromCode(code).withDescription("injected fault").asRuntimeException());
            return true;
        }
        return false;
    }

    private final class Products extends ProductServiceGrpc.ProductServiceImplBase {
        @Override
        public void getProduct(GetProductRequest request, StreamObserver<Product> out) {
            if (failed(out)) {
                return;
            }
            if (request.getId().isBlank()) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("id is required").asRuntimeException());
                return;
            }
            Product product = PRODUCTS.get(request.getId());
            if (product == null) {
                out.onError(Status.NOT_FOUND.withDescription("no product " + request.getId()).asRuntimeException());
                return;
            }
            out.onNext(product);
            out.onCompleted();
        }

        @Override
        public void listProducts(ListProductsRequest request, StreamObserver<ListProductsResponse> out) {
            if (failed(out)) {
                return;
            }
            if (request.getIdsCount() == 0) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("ids are required").asRuntimeException());
                return;
            }
            ListProductsResponse.Builder answer = ListProductsResponse.newBuilder();
            request.getIdsList().stream().map(PRODUCTS::get).filter(p -> p != null).forEach(answer::addProducts);
            out.onNext(answer.build());
            out.onCompleted();
        }
    }

    /** Records each call's method and metadata, so tests can assert what the backend saw. */
    private final class Recording implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                ServerCallHandler<Q, R> next) {
            Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
            for (String key : headers.keys()) {
                if (!key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    copy.put(key, List.of(String.valueOf(headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)))));
                }
            }
            received.add(new Received("POST", call.getMethodDescriptor().getFullMethodName(), copy, ""));
            return next.startCall(call, headers);
        }
    }
}

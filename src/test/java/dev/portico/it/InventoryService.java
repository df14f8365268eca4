package dev.portico.it;

import dev.portico.proto.inventory.InventoryServiceGrpc;
import dev.portico.proto.inventory.ReserveRequest;
import dev.portico.proto.inventory.Stock;
import dev.portico.proto.inventory.StockRequest;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A gRPC service with server reflection, from a proto only the tests know; it records each call's metadata. */
final class InventoryService implements AutoCloseable {
    static final int PORT = 19102;
    /** Each call: its method and its metadata. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Metadata> metadata = new CopyOnWriteArrayList<>();
    private Server server;

    InventoryService start() throws IOException {
        ServerInterceptor recording = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                calls.add(call.getMethodDescriptor().getFullMethodName());
                metadata.add(headers);
                return next.startCall(call, headers);
            }
        };
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", PORT))
                .addService(ServerInterceptors.intercept(new Inventory(), recording))
                .addService(ProtoReflectionServiceV1.newInstance())
                .build().start();
        return this;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class Inventory extends InventoryServiceGrpc.InventoryServiceImplBase {
        @Override
        public void getStock(StockRequest request, StreamObserver<Stock> out) {
            if (request.getSku().equals("none")) {
                out.onError(Status.NOT_FOUND.withDescription("no sku none").asRuntimeException());
                return;
            }
            out.onNext(Stock.newBuilder().setSku(request.getSku()).setOnHand(7)
                    .addAllWarehouses(request.getWarehousesList()).build());
            out.onCompleted();
        }

        @Override
        public void reserve(ReserveRequest request, StreamObserver<Stock> out) {
            if (request.getQuantity() <= 0) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("quantity must be positive").asRuntimeException());
                return;
            }
            out.onNext(Stock.newBuilder().setSku(request.getSku()).setOnHand(7 - request.getQuantity()).build());
            out.onCompleted();
        }
    }
}

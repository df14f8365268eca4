package dev.portico.grpc;

import static dev.portico.json.Jsons.JSON;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DescriptorProtos.MethodOptions.IdempotencyLevel;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.portico.backend.Backend;
import dev.portico.backend.Backends;
import dev.portico.backend.CallContext;
import dev.portico.backend.Deadline;
import dev.portico.backend.Forwarder;
import dev.portico.backend.Instance;
import dev.portico.backend.Transport;
import dev.portico.compose.Call;
import dev.portico.compose.Invoker;
import dev.portico.compose.Part;
import dev.portico.config.GatewayConfig;
import dev.portico.observe.Tracing;
import dev.portico.problem.GatewayException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.GlobalEventExecutor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * REST → gRPC for any service (SPEC §9): the method's descriptors come from the backend's server
 * reflection, fetched on first use and again when a method is unknown; the request message is built from
 * the call's arguments as proto3 JSON (a comma-separated value fills a repeated field), the answer printed
 * back as JSON. One channel per instance, through the same resilience stack as HTTP: UNAVAILABLE and
 * DEADLINE_EXCEEDED are transient, every other status the backend's answer (the standard mapping).
 */
@ApplicationScoped
public class GrpcInvoker implements Invoker {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final Metadata.Key<String> AUTHORIZATION = key("authorization");
    private static final Metadata.Key<String> TRACEPARENT = key("traceparent");
    private static final Logger LOG = Logger.getLogger(GrpcInvoker.class.getName());

    /** How long the start-up warm-up may take in all: a backend down at start costs at most this. */
    private static final Duration WARM_UP = Duration.ofSeconds(5);

    @Inject
    Backends backends;
    @Inject
    Forwarder forwarder;
    @Inject
    GatewayConfig config;

    private final Map<Instance, ManagedChannel> channels = new ConcurrentHashMap<>();
    /** Methods by backend and full name ({@code backend:package.Service/Method}). */
    private final Map<String, MethodDescriptor> methods = new ConcurrentHashMap<>();
    /**
     * The channels' own threads, not grpc-java's shared ones: those are released a second after the last
     * channel closes, when the application's classes are already gone (Liberty then logs CWWKL0002E).
     */
    private final NioEventLoopGroup eventLoop = new NioEventLoopGroup(1);
    private final ExecutorService offload = Executors.newSingleThreadExecutor();

    @Override
    public JsonValue invoke(Call call, Function<String, JsonValue> values, CallContext ctx, Deadline deadline) {
        Backend backend = backends.get(call.backend());
        Metadata headers = metadata(ctx, backend.definition().forwardToken());
        Transport<DynamicMessage> transport = (instance, timeout) -> {
            Channel channel = ClientInterceptors.intercept(channel(backend, instance),
                    MetadataUtils.newAttachHeadersInterceptor(traced(headers)));
            try {
                MethodDescriptor method = method(backend.id(), call.method(), channel, timeout);
                return ClientCalls.blockingUnaryCall(channel, grpcMethod(method),
                        CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS),
                        request(method, call, values));
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                    methods.remove(backend.id() + ":" + call.method()); // perhaps redeployed: ask again next time
                }
                if (GrpcStatuses.transientFailure(e.getStatus().getCode())) {
                    throw new Transport.Failure(e.getStatus().getCode().name(),
                            e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED ? 504 : 503, refused(e), e);
                }
                throw GrpcStatuses.map(backend.id(), e);
            }
        };
        DynamicMessage answer = forwarder.call(backend, transport, retryable(backend.id(), call.method()), deadline);
        try {
            return JSON.createReader(new StringReader(PRINTER.print(answer))).readValue();
        } catch (InvalidProtocolBufferException e) {
            throw new GatewayException(502, "Bad Gateway", "The " + backend.id() + " service's answer cannot be shown as JSON.");
        }
    }

    /**
     * Whether a transient failure may be retried: the method says it has no side effects or is idempotent
     * (its {@code idempotency_level}), or its descriptor is not known yet (then the first try is the
     * reflection request, which changes nothing).
     */
    private boolean retryable(String backend, String method) {
        MethodDescriptor known = methods.get(backend + ":" + method);
        return known == null || known.getOptions().getIdempotencyLevel() != IdempotencyLevel.IDEMPOTENCY_UNKNOWN;
    }

    private MethodDescriptor method(String backend, String fullName, Channel channel, Duration timeout) {
        String key = backend + ":" + fullName;
        MethodDescriptor known = methods.get(key);
        if (known != null) {
            return known;
        }
        int slash = fullName.indexOf('/');
        ServiceDescriptor service;
        try {
            service = Reflection.service(channel, fullName.substring(0, slash), timeout);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED || e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new GatewayException(502, "Bad Gateway", "The " + backend + " service does not describe "
                        + fullName.substring(0, slash) + " by server reflection.");
            }
            throw e;
        }
        for (MethodDescriptor method : service.getMethods()) {
            methods.put(backend + ":" + service.getFullName() + "/" + method.getName(), method);
        }
        MethodDescriptor method = methods.get(key);
        if (method == null) {
            throw new GatewayException(502, "Bad Gateway", "The " + backend + " service has no method " + fullName + ".");
        }
        return method;
    }

    private static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod(MethodDescriptor method) {
        return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(
                        method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
                .build();
    }

    /** The request message: each argument as its field's proto3 JSON; a text for a repeated field is split at commas. */
    private static DynamicMessage request(MethodDescriptor method, Call call, Function<String, JsonValue> values) {
        JsonObjectBuilder json = JSON.createObjectBuilder();
        call.args().forEach((name, template) -> {
            FieldDescriptor field = method.getInputType().findFieldByName(name);
            JsonValue value = template.json(values);
            if (field != null && field.isRepeated() && value instanceof JsonString text) {
                JsonArrayBuilder items = JSON.createArrayBuilder();
                for (String item : text.getString().split(",")) {
                    items.add(item.trim());
                }
                value = items.build();
            }
            json.add(name, value);
        });
        DynamicMessage.Builder message = DynamicMessage.newBuilder(method.getInputType());
        try {
            PARSER.merge(json.build().toString(), message);
        } catch (InvalidProtocolBufferException e) {
            throw GatewayException.badRequest("The request does not fit " + method.getInputType().getName() + ": "
                    + e.getMessage());
        }
        return message.build();
    }

    private ManagedChannel channel(Backend backend, Instance instance) {
        return channels.computeIfAbsent(instance, i -> Channels.open(i.base(), builder -> builder
                .eventLoopGroup(eventLoop)
                .channelType(NioSocketChannel.class)
                .directExecutor() // blocking calls wait on their own thread; nothing to hand over
                .offloadExecutor(offload)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) backend.definition().connectTimeout().toMillis())));
    }

    /**
     * Start-up warm-up, before the gateway reports ready: for every gRPC call a route makes, the channel to
     * each instance is opened and the method learned by reflection, so a route's first request does not
     * pay for them (measured: 1.1 s for the first product request after readiness, 24 ms for the second).
     * A backend that does not answer in time is left to its first request, as before.
     */
    void warmUp(@Observes @Initialized(ApplicationScoped.class) Object started) {
        long deadline = System.nanoTime() + WARM_UP.toNanos();
        config.routeTable().routes().stream().flatMap(route -> route.parts().stream()).map(Part::call)
                .filter(call -> call.kind() == Call.Kind.GRPC).distinct().forEach(call -> {
                    Backend backend = backends.get(call.backend());
                    for (Instance instance : backend.instances()) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return;
                        }
                        try {
                            MethodDescriptor method = method(backend.id(), call.method(), channel(backend, instance), Duration.ofNanos(left));
                            // The JSON mapping both ways, on empty messages: loads and compiles what a first answer needs.
                            PARSER.merge("{}", DynamicMessage.newBuilder(method.getInputType()));
                            PRINTER.print(DynamicMessage.getDefaultInstance(method.getOutputType()));
                        } catch (RuntimeException | InvalidProtocolBufferException e) {
                            // A channel that failed to connect backs off before it tries again: the first
                            // request gets a fresh one instead.
                            ManagedChannel failed = channels.remove(instance);
                            if (failed != null) {
                                failed.shutdownNow();
                            }
                            LOG.log(Level.INFO, "Portico: gRPC warm-up of {0} on {1} failed ({2}); its first request will try again",
                                    new Object[] {call.method(), instance.base(), e.toString()});
                        }
                    }
                });
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

    /** The call's context as gRPC metadata: the same headers an HTTP call of the gateway's own carries. */
    private static Metadata metadata(CallContext ctx, boolean forwardToken) {
        Metadata headers = new Metadata();
        Map<String, java.util.List<String>> http = new java.util.LinkedHashMap<>();
        ctx.addCallHeadersTo(http, false);
        http.forEach((name, list) -> list.forEach(v -> headers.put(key(name), v)));
        if (forwardToken && ctx.authorization() != null && CallContext.printableAscii(ctx.authorization())) {
            headers.put(AUTHORIZATION, ctx.authorization());
        }
        return headers;
    }

    /** The headers with this try's {@code traceparent} when tracing is on (the try's span is current). */
    private static Metadata traced(Metadata headers) {
        String traceparent = Tracing.traceparent();
        if (traceparent == null) {
            return headers;
        }
        Metadata own = new Metadata();
        own.merge(headers);
        own.discardAll(TRACEPARENT);
        own.put(TRACEPARENT, traceparent);
        return own;
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
}

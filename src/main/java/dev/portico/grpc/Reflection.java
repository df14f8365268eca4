package dev.portico.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A service's descriptors from the backend's own gRPC server reflection (v1): the file that declares it
 * and every file that one imports, asked for on one stream. No proto file is given to the gateway.
 */
final class Reflection implements AutoCloseable {
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final StreamObserver<ServerReflectionRequest> requests;
    private final long deadlineNanos;

    private Reflection(Channel channel, Duration timeout) {
        deadlineNanos = System.nanoTime() + timeout.toNanos();
        requests = ServerReflectionGrpc.newStub(channel).withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answers.add(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answers.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        answers.add(Status.UNAVAILABLE.withDescription("reflection stream ended").asRuntimeException());
                    }
                });
    }

    /**
     * @throws StatusRuntimeException as the backend answered (UNIMPLEMENTED: no reflection; NOT_FOUND: no
     *                                such service) or as the call failed
     */
    static ServiceDescriptor service(Channel channel, String service, Duration timeout) {
        Map<String, FileDescriptorProto> files = new HashMap<>();
        try (Reflection stream = new Reflection(channel, timeout)) {
            stream.ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build(), files);
            for (boolean more = true; more; ) {
                more = false;
                for (FileDescriptorProto file : Map.copyOf(files).values()) {
                    for (String dependency : file.getDependencyList()) {
                        if (!files.containsKey(dependency)) {
                            stream.ask(ServerReflectionRequest.newBuilder().setFileByFilename(dependency).build(), files);
                            more = true;
                        }
                    }
                }
            }
        }
        Map<String, FileDescriptor> built = new HashMap<>();
        for (String name : files.keySet()) {
            for (ServiceDescriptor candidate : build(name, files, built).getServices()) {
                if (candidate.getFullName().equals(service)) {
                    return candidate;
                }
            }
        }
        throw Status.NOT_FOUND.withDescription("no service " + service).asRuntimeException();
    }

    private void ask(ServerReflectionRequest request, Map<String, FileDescriptorProto> files) {
        requests.onNext(request);
        Object answer;
        try {
            answer = answers.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
        if (answer == null) {
            throw Status.DEADLINE_EXCEEDED.withDescription("server reflection did not answer in time").asRuntimeException();
        }
        if (answer instanceof StatusRuntimeException e) {
            throw e;
        }
        if (answer instanceof Throwable t) {
            throw Status.fromThrowable(t).asRuntimeException();
        }
        ServerReflectionResponse response = (ServerReflectionResponse) answer;
        if (response.hasErrorResponse()) {
            throw Status.fromCodeValue(response.getErrorResponse().getErrorCode())
                    .withDescription(response.getErrorResponse().getErrorMessage()).asRuntimeException();
        }
        for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            try {
                FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
                files.put(file.getName(), file);
            } catch (InvalidProtocolBufferException e) {
                throw Status.INTERNAL.withDescription("a descriptor that is not protobuf").asRuntimeException();
            }
        }
    }

    private static FileDescriptor build(String name, Map<String, FileDescriptorProto> files, Map<String, FileDescriptor> built) {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto file = files.get(name);
        FileDescriptor[] dependencies = file.getDependencyList().stream().map(d -> build(d, files, built))
                .toArray(FileDescriptor[]::new);
        try {
            FileDescriptor descriptor = FileDescriptor.buildFrom(file, dependencies);
            built.put(name, descriptor);
            return descriptor;
        } catch (DescriptorValidationException e) {
            throw Status.INTERNAL.withDescription("invalid descriptor " + name + ": " + e.getMessage()).asRuntimeException();
        }
    }

    @Override
    public void close() {
        requests.onCompleted();
    }
}

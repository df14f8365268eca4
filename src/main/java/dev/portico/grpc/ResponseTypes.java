package dev.portico.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import dev.portico.config.BackendDefinition;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * A gRPC method's response message, learned by server reflection on a channel of its own to the backend's
 * first instance: for the {@code /openapi} document, which Liberty makes while the application starts,
 * before the gateway's own channels exist.
 */
public final class ResponseTypes {
    private ResponseTypes() {
    }

    /** Empty when the backend cannot be reached, does not offer reflection or lacks the method, in time. */
    public static Optional<Descriptor> of(BackendDefinition backend, String method, Duration timeout) {
        ManagedChannel channel = Channels.open(backend.primary(), builder -> builder);
        try {
            int slash = method.indexOf('/');
            MethodDescriptor found = Reflection.service(channel, method.substring(0, slash), timeout)
                    .findMethodByName(method.substring(slash + 1));
            return Optional.ofNullable(found).map(MethodDescriptor::getOutputType);
        } catch (RuntimeException e) {
            return Optional.empty();
        } finally {
            channel.shutdownNow();
        }
    }
}

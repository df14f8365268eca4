package dev.portico.grpc;

import dev.portico.backend.BackendUnreachable;
import dev.portico.problem.GatewayException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;

/** Maps a failed gRPC call to the gateway's answer: a client-facing problem, or a retryable failure. */
public final class GrpcStatuses {
    private GrpcStatuses() {
    }

    public static RuntimeException map(String backend, StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> new GatewayException(404, "Not Found", description);
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new GatewayException(400, "Bad Request", description);
            case PERMISSION_DENIED -> new GatewayException(403, "Forbidden", description);
            case RESOURCE_EXHAUSTED -> new GatewayException(503, "Service Unavailable",
                    "The " + backend + " service is overloaded.");
            case DEADLINE_EXCEEDED -> new BackendUnreachable(backend, 504, e);
            case UNAVAILABLE -> new BackendUnreachable(backend, refused(e) ? 502 : 503, e);
            default -> new GatewayException(502, "Bad Gateway", "The " + backend + " service reported an error.");
        };
    }

    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}

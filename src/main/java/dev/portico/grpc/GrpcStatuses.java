package dev.portico.grpc;

import dev.portico.problem.GatewayException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Maps a gRPC status to the gateway's answer. UNAVAILABLE and DEADLINE_EXCEEDED are transient: the
 * resilience stack retries them and decides the verdict; the rest are the backend's answer to this call.
 */
public final class GrpcStatuses {
    private GrpcStatuses() {
    }

    /** Whether a failed call is worth another try on another instance. */
    public static boolean transientFailure(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
    }

    public static GatewayException map(String backend, StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case NOT_FOUND -> new GatewayException(404, "Not Found", description);
            case INVALID_ARGUMENT, OUT_OF_RANGE -> new GatewayException(400, "Bad Request", description);
            case PERMISSION_DENIED -> new GatewayException(403, "Forbidden", description);
            case RESOURCE_EXHAUSTED -> new GatewayException(503, "Service Unavailable",
                    "The " + backend + " service is overloaded.");
            case DEADLINE_EXCEEDED -> new GatewayException(504, "Gateway Timeout",
                    "The " + backend + " service did not answer in time.");
            case UNAVAILABLE -> new GatewayException(503, "Service Unavailable", "The " + backend + " service is unavailable.");
            default -> new GatewayException(502, "Bad Gateway", "The " + backend + " service reported an error.");
        };
    }
}

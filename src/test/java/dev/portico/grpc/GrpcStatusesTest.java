package dev.portico.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.backend.BackendUnreachable;
import dev.portico.backend.Failures;
import io.grpc.Status;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class GrpcStatusesTest {
    private static int status(Status status) {
        return Failures.toProblem("products", GrpcStatuses.map("products", status.asRuntimeException())).status();
    }

    @Test
    void mapsGrpcCodesToHttpStatuses() {
        assertEquals(404, status(Status.NOT_FOUND));
        assertEquals(400, status(Status.INVALID_ARGUMENT));
        assertEquals(503, status(Status.UNAVAILABLE));
        assertEquals(504, status(Status.DEADLINE_EXCEEDED));
        assertEquals(502, status(Status.INTERNAL));
        assertEquals(502, status(Status.UNKNOWN));
    }

    @Test
    void connectionRefusedIsABadGateway() {
        assertEquals(502, status(Status.UNAVAILABLE.withCause(new ConnectException("refused"))));
    }

    @Test
    void onlyTransientFailuresAreRetryable() {
        assertEquals(BackendUnreachable.class, GrpcStatuses.map("p", Status.UNAVAILABLE.asRuntimeException()).getClass());
        assertEquals(BackendUnreachable.class,
                GrpcStatuses.map("p", Status.DEADLINE_EXCEEDED.asRuntimeException()).getClass());
        assertEquals(dev.portico.problem.GatewayException.class,
                GrpcStatuses.map("p", Status.NOT_FOUND.asRuntimeException()).getClass());
    }
}

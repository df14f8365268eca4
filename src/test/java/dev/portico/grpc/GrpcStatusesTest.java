package dev.portico.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class GrpcStatusesTest {
    private static int status(Status status) {
        return GrpcStatuses.map("products", status.asRuntimeException()).status();
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
    void onlyUnavailableAndDeadlineAreTransient() {
        assertTrue(GrpcStatuses.transientFailure(Status.Code.UNAVAILABLE));
        assertTrue(GrpcStatuses.transientFailure(Status.Code.DEADLINE_EXCEEDED));
        assertFalse(GrpcStatuses.transientFailure(Status.Code.NOT_FOUND));
        assertFalse(GrpcStatuses.transientFailure(Status.Code.INTERNAL));
    }
}

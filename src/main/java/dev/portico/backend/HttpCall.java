package dev.portico.backend;

import java.io.IOException;
import java.time.Duration;

/** One HTTP request as a {@link Transport}: an answer of 502, 503 or 504 is a transient failure. */
final class HttpCall implements Transport<BackendResponse> {
    private final HttpTransport transport;
    private final Outgoing request;

    HttpCall(HttpTransport transport, Outgoing request) {
        this.transport = transport;
        this.request = request;
    }

    @Override
    public BackendResponse send(Instance instance, Duration timeout) throws IOException {
        return transport.send(instance.base(), request, timeout);
    }

    @Override
    public boolean transientAnswer(BackendResponse answer) {
        int status = answer.status();
        return status == 502 || status == 503 || status == 504;
    }

    @Override
    public void discard(BackendResponse answer) {
        try {
            answer.close();
        } catch (IOException ignored) {
            // the connection is dropped instead of reused
        }
    }
}

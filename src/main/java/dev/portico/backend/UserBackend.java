package dev.portico.backend;

import dev.portico.client.RestClients;
import dev.portico.client.UserApi;
import dev.portico.config.GatewayConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Calls to the {@code users} backend, with its own timeout, retry, breaker and bulkhead.
 * The sync client runs on MP FT's managed executor (FACTS: async Rest Client methods misbehave).
 */
@ApplicationScoped
public class UserBackend {
    static final String ID = "users";

    @Inject
    GatewayConfig config;

    private UserApi api;

    @PostConstruct
    void connect() {
        api = RestClients.build(UserApi.class, config.backend(ID));
    }

    @Asynchronous
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, retryOn = BackendUnreachable.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            failOn = {BackendUnreachable.class, org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class})
    @Bulkhead(value = 64, waitingTaskQueue = 128)
    public CompletionStage<BackendReply> user(String id, CallContext ctx) {
        try {
            return CompletableFuture.completedFuture(
                    Replies.read(ID, api.get(id, ctx.requestId(), ctx.subject(), ctx.roles(), ctx.clientType())));
        } catch (ProcessingException e) {
            throw Failures.unreachable(ID, e);
        }
    }
}

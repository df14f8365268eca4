package dev.portico.backend;

import dev.portico.client.GraphQLApi;
import dev.portico.client.RestClients;
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
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Calls to the {@code orders} backend (GraphQL over HTTP). Queries retry; mutations never do. */
@ApplicationScoped
public class OrderBackend {
    static final String ID = "orders";

    @Inject
    GatewayConfig config;

    private GraphQLApi api;

    @PostConstruct
    void connect() {
        api = RestClients.build(GraphQLApi.class, config.backend(ID));
    }

    @Asynchronous
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 50, jitter = 25, retryOn = BackendUnreachable.class)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            failOn = {BackendUnreachable.class, TimeoutException.class})
    @Bulkhead(value = 64, waitingTaskQueue = 128)
    public CompletionStage<BackendReply> query(String request, CallContext ctx) {
        return CompletableFuture.completedFuture(send(request, ctx));
    }

    /** A mutation is sent at most once: no @Retry, whatever happens. */
    @Asynchronous
    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5000,
            failOn = {BackendUnreachable.class, TimeoutException.class})
    @Bulkhead(value = 32, waitingTaskQueue = 64)
    public CompletionStage<BackendReply> mutate(String request, CallContext ctx) {
        return CompletableFuture.completedFuture(send(request, ctx));
    }

    private BackendReply send(String request, CallContext ctx) {
        try {
            return Replies.read(ID, api.execute(request, ctx.requestId(), ctx.subject(), ctx.roles(), ctx.clientType()));
        } catch (ProcessingException e) {
            throw Failures.unreachable(ID, e);
        }
    }
}

package dev.portico.observe;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Tracing with OpenTelemetry (Liberty's mpTelemetry-2.1; off unless {@code otel.sdk.disabled=false}).
 * Every request has a server span (continuing the client's {@code traceparent}, or a new trace) named
 * after its route, and one client span per backend try (HTTP, gRPC,
 * GraphQL) with the route, backend, instance and attempt, whose context is the {@code traceparent} that
 * try carries. Off, nothing here runs per request but one flag check, and a well-formed
 * {@code traceparent} of the client's is passed on unchanged.
 */
@ApplicationScoped
public class Tracing {
    /** The route of the request, carried in the trace context to the threads an aggregate's parts run on. */
    private static final ContextKey<String> ROUTE = ContextKey.named("portico.route");
    private static volatile boolean on;
    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
            return java.util.Collections.list(request.getHeaderNames());
        }

        @Override
        public String get(HttpServletRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    @Inject
    Tracer tracer;

    /** Made when the application starts, so the flag is set before the first request. */
    void startup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the observer's bean is created to call this: start() has run
    }

    @PostConstruct
    void start() {
        // A span that is never ended is never exported: it only tells whether the SDK is on.
        on = tracer.spanBuilder("portico.probe").setParent(Context.root()).startSpan().getSpanContext().isValid();
    }

    public static boolean on() {
        return on;
    }

    /**
     * The request's server span, current until the scope is closed (which ends it if the gateway started
     * it): Liberty's own when its runtime-level telemetry made one, else one started here, continuing the
     * client's {@code traceparent} or a new trace. Named after the route, which the context carries on to
     * the threads of an aggregate's parts. Null when tracing is off.
     */
    public Scope enter(HttpServletRequest request, String route, String template) {
        if (!on) {
            return null;
        }
        String name = template == null ? request.getMethod() : request.getMethod() + " " + template;
        Span span = Span.current();
        boolean own = !span.getSpanContext().isValid();
        if (own) {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
            span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER)
                    .setAttribute("http.request.method", request.getMethod()).setAttribute("url.path", request.getRequestURI())
                    .startSpan();
        } else {
            span.updateName(name);
        }
        if (route != null) {
            span.setAttribute("http.route", template).setAttribute("portico.route", route);
        }
        Scope scope = Context.current().with(span).with(ROUTE, route).makeCurrent();
        Span started = own ? span : null;
        return () -> {
            scope.close();
            if (started != null) {
                started.end();
            }
        };
    }

    /** The answer's status on the server span. */
    public static void answered(int status) {
        if (on) {
            Span span = Span.current().setAttribute("http.response.status_code", status);
            if (status >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
        }
    }

    /** The task, to run with the context of the thread that hands it over (an aggregate's parts). */
    public static Runnable carried(Runnable task) {
        return on ? Context.current().wrap(task) : task;
    }

    /** A client span for one try at a backend instance, child of the current context's span. */
    public Span startTry(String backend, String protocol, String instance, int attempt) {
        return tracer.spanBuilder(backend).setSpanKind(SpanKind.CLIENT)
                .setAttribute("portico.route", String.valueOf(Context.current().get(ROUTE)))
                .setAttribute("portico.backend", backend).setAttribute("portico.instance", instance)
                .setAttribute("portico.attempt", attempt).setAttribute("portico.protocol", protocol).startSpan();
    }

    /** Ends a try's span with what it came to ({@code ok} or the failure's kind). */
    public static void endTry(Span span, String outcome, boolean failed) {
        span.setAttribute("portico.outcome", outcome);
        if (failed) {
            span.setStatus(StatusCode.ERROR, outcome);
        }
        span.end();
    }

    /** The current span's W3C {@code traceparent}, or null when there is none (tracing off). */
    public static String traceparent() {
        if (!on) {
            return null;
        }
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex() : null;
    }

    /** The current trace's id, or null when tracing is off. */
    public static String traceId() {
        if (!on) {
            return null;
        }
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}

package dev.portico.it;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector's trace receiver, OTLP over HTTP with protobuf ({@code POST /v1/traces}), on
 * loopback: it keeps every span the gateway exports, decoded with the protocol's own messages.
 */
final class OtlpReceiver implements AutoCloseable {
    /** One received span; ids in lower-case hex, the parent empty for a root span. */
    record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes, String status, String service) {
        String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/v1/traces", exchange -> {
            try (exchange; InputStream raw = exchange.getRequestBody();
                    InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(raw) : raw) {
                keep(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
                byte[] ok = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, ok.length == 0 ? -1 : ok.length);
                exchange.getResponseBody().write(ok);
            }
        });
    }

    OtlpReceiver start() {
        server.start();
        return this;
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    void clear() {
        spans.clear();
    }

    private void keep(ExportTraceServiceRequest request) {
        HexFormat hex = HexFormat.of();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attributes(resource.getResource().getAttributesList()).get("service.name");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()),
                        hex.formatHex(span.getSpanId().toByteArray()), hex.formatHex(span.getParentSpanId().toByteArray()),
                        span.getName(), span.getKind().name(), attributes(span.getAttributesList()), span.getStatus().getCode().name(),
                        service)));
            }
        }
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : values) {
            var v = kv.getValue();
            map.put(kv.getKey(), v.hasIntValue() ? Long.toString(v.getIntValue()) : v.hasBoolValue()
                    ? Boolean.toString(v.getBoolValue()) : v.getStringValue());
        }
        return map;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

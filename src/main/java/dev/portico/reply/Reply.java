package dev.portico.reply;

import static dev.portico.json.Jsons.JSON;

import dev.portico.problem.GatewayException;
import dev.portico.problem.Problem;
import dev.portico.problem.ProblemWriter;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one answer of every route kind and every stage (SPEC §3): status, end-to-end headers, and a body
 * as bytes, JSON, a problem or a stream, converted only when a stage asks for another form. The outbound
 * stages may change it; one writer sends it to the client. {@code complete} is false for an aggregate
 * that lacks an optional part, and null for a reply that is not an aggregate.
 */
public final class Reply {
    private final int status;
    private final Map<String, List<String>> headers;
    private Body body;
    private Boolean complete;

    private Reply(int status, Map<String, List<String>> headers, Body body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** A reply with these headers (kept as given: names as sent, several values in order). */
    public static Reply of(int status, Map<String, List<String>> headers, Body body) {
        return new Reply(status, new LinkedHashMap<>(headers), body);
    }

    public static Reply json(int status, JsonValue value) {
        return new Reply(status, new LinkedHashMap<>(), new Body.Json(value));
    }

    /** The problem a gateway decision ends the request with, and the headers that belong to it. */
    public static Reply problem(GatewayException e) {
        Reply reply = new Reply(e.status(), new LinkedHashMap<>(), new Body.Failure(e.problem()));
        e.headers().forEach(reply::header);
        return reply;
    }

    public static Reply problem(int status, String title, String detail) {
        return new Reply(status, new LinkedHashMap<>(), new Body.Failure(Problem.of(status, title, detail)));
    }

    /** 413: the request body is over the route's limit (declared, or found while reading it). */
    public static Reply tooLarge(long limit) {
        return problem(413, "Content Too Large", "The body may be at most " + limit + " bytes on this route.");
    }

    /** A reply without a body, such as a CORS preflight's 204 or an HTTPS redirect's 308. */
    public static Reply empty(int status, Map<String, String> headers) {
        Reply reply = new Reply(status, new LinkedHashMap<>(), Body.EMPTY);
        headers.forEach(reply::header);
        return reply;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of a header, by name in any case; null when absent. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }

    /** Sets a header, replacing every value it had under any spelling of its name. */
    public Reply header(String name, String value) {
        headers.keySet().removeIf(name::equalsIgnoreCase);
        List<String> values = new ArrayList<>(1);
        values.add(value);
        headers.put(name, values);
        return this;
    }

    /** Adds a value to a header (after any it has, under the spelling it has). */
    public Reply add(String name, String value) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                List<String> values = new ArrayList<>(h.getValue());
                values.add(value);
                h.setValue(values);
                return this;
            }
        }
        return header(name, value);
    }

    /** Removes a header under any spelling of its name. */
    public Reply remove(String name) {
        headers.keySet().removeIf(name::equalsIgnoreCase);
        return this;
    }

    public Body body() {
        return body;
    }

    public Reply body(Body replaced) {
        body = replaced;
        return this;
    }

    public Boolean complete() {
        return complete;
    }

    /** Marks an aggregate: whether every part made it. */
    public Reply complete(boolean everyPart) {
        complete = everyPart;
        return this;
    }

    /** The problem this reply carries, or null. */
    public Problem problem() {
        return body instanceof Body.Failure f ? f.problem() : null;
    }

    /** The body as bytes; a stream is read whole (and its connection released) the first time. */
    public byte[] bytes() {
        if (body instanceof Body.Bytes b) {
            return b.bytes();
        }
        if (body instanceof Body.Json j) {
            return j.value().toString().getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof Body.Failure f) {
            return ProblemWriter.json(f.problem()).getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof Body.Stream s) {
            return readWhole(s);
        }
        return new byte[0];
    }

    /** The body as JSON, parsed once; null when it is not JSON. */
    public JsonValue json() {
        if (body instanceof Body.Json j) {
            return j.value();
        }
        try {
            JsonValue value = JSON.createReader(new ByteArrayInputStream(bytes())).readValue();
            body = new Body.Json(value);
            return value;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private byte[] readWhole(Body.Stream s) {
        try (java.io.Closeable source = s.source()) {
            byte[] read = s.in() == null ? new byte[0] : s.in().readAllBytes();
            body = new Body.Bytes(read, header("Content-Type"));
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

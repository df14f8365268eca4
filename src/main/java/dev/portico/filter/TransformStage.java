package dev.portico.filter;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.portico.problem.GatewayException;
import dev.portico.reply.Body;
import dev.portico.reply.JsonProjection;
import dev.portico.reply.Reply;
import dev.portico.transform.BodyRules;
import dev.portico.transform.Cursor;
import dev.portico.transform.Transformation;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * A route's transformation toward the client (SPEC §10), for every route kind: its JSON rules, the caller's
 * client type and {@code ?fields=} mask on the body, then its response headers. A changed body has a length
 * and a weak {@code ETag} of its own (a client's {@code If-None-Match} with it gets a 304); an unchanged one
 * keeps the backend's validators. Bodies that are not JSON, and the gateway's own problems, pass as they are.
 */
final class TransformStage implements Outbound {
    /** What describes the backend's bytes rather than the ones sent. */
    private static final List<String> OF_THE_ORIGINAL = List.of("ETag", "Content-Length", "Content-MD5", "Content-Digest",
            "Repr-Digest", "Accept-Ranges", "Content-Encoding");

    /** The largest output buffer made up front. */
    private static final long MAX_PRESIZE = 16L * 1024 * 1024;
    /** Bodies up to this size are read whole and walked as characters. */
    private static final long SMALL = 64 * 1024;

    @Override
    public Reply apply(Exchange exchange, Reply reply) {
        if (exchange.route() == null) {
            return reply;
        }
        Transformation rules = exchange.route().policy().transform();
        if (rules.body().any() && reply.problem() == null) {
            reply = body(exchange, rules.body(), reply);
        }
        if (!rules.response().none()) {
            rules.response().applyTo(reply.headers(), exchange::variable);
        }
        return reply;
    }

    private Reply body(Exchange exchange, BodyRules rules, Reply reply) {
        if (!rules.clients().isEmpty()) {
            reply.add("Vary", "X-Client-Type");
        }
        Cursor cursor = rules.cursor(exchange.clientType(), exchange.mask());
        if (cursor == null || !json(reply)) {
            return reply;
        }
        if (reply.status() == 304 || reply.body() instanceof Body.Empty) {
            return reply.remove("ETag"); // the backend's, of bytes this client never gets
        }
        if ("HEAD".equals(exchange.method()) && reply.body() instanceof Body.Stream s) {
            // The backend's length is of bytes this client never gets, and there are none to measure.
            return reply.remove("ETag").body(new Body.Stream(null, -1, s.source(), s.origin()));
        }
        String encoding = reply.header("Content-Encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity") && !encoding.equalsIgnoreCase("gzip")) {
            release(reply.body());
            throw new GatewayException(502, "Bad Gateway", "The backend's answer is encoded (" + encoding
                    + "); this route's rules need its JSON.");
        }
        byte[] changed = project(reply, cursor, "gzip".equalsIgnoreCase(encoding));
        String tag = etag(changed);
        String type = reply.header("Content-Type");
        OF_THE_ORIGINAL.forEach(reply::remove);
        reply.header("ETag", tag);
        if (reply.status() == 200 && matches(exchange.header("If-None-Match"), tag)) {
            return Reply.of(304, reply.headers(), Body.EMPTY).remove("Content-Type");
        }
        return reply.body(new Body.Bytes(changed, type));
    }

    private static byte[] project(Reply reply, Cursor cursor, boolean gzip) {
        Body body = reply.body();
        long length = body instanceof Body.Stream s && !gzip ? s.length() : body instanceof Body.Bytes b ? b.bytes().length : -1;
        try {
            if (length >= 0 && length <= SMALL) {
                // Read whole, walked as characters: no decoder and encoder with their buffers per body.
                byte[] whole = body instanceof Body.Bytes b ? b.bytes() : readAll((Body.Stream) body);
                StringWriter out = new StringWriter((int) length + 64);
                try (JsonParser parser = JsonProjection.PARSERS.createParser(new StringReader(new String(whole, UTF_8)))) {
                    JsonProjection.write(parser, cursor, out);
                }
                return out.toString().getBytes(UTF_8);
            }
            // Sized to the backend's body when it says (the projection is at most that, unless renames lengthen it).
            ByteArrayOutputStream out = new ByteArrayOutputStream(length > 0 && length < MAX_PRESIZE ? (int) length + 64 : 8192);
            try (JsonParser parser = parser(body, gzip)) {
                JsonProjection.write(parser, cursor, out);
            }
            return out.toByteArray();
        } catch (JsonException | UncheckedIOException | IOException e) {
            throw new GatewayException(502, "Bad Gateway", "The backend's answer is not the JSON this route's rules apply to.");
        } finally {
            release(body);
        }
    }

    private static byte[] readAll(Body.Stream body) throws IOException {
        return body.in() == null ? new byte[0] : body.in().readAllBytes();
    }

    /** Gives a backend's connection back (to the pool once its body was read whole; else it is dropped). */
    private static void release(Body body) {
        if (body instanceof Body.Stream s) {
            try {
                s.source().close();
            } catch (IOException ignored) {
                // nothing more to do: the connection is not reused
            }
        }
    }

    private static JsonParser parser(Body body, boolean gzip) throws IOException {
        if (body instanceof Body.Json j) {
            return j.value() instanceof JsonObject o ? JsonProjection.PARSERS.createParser(o)
                    : j.value() instanceof JsonArray a ? JsonProjection.PARSERS.createParser(a)
                    : JsonProjection.PARSERS.createParser(new StringReader(j.value().toString()));
        }
        InputStream in = body instanceof Body.Bytes b ? new ByteArrayInputStream(b.bytes())
                : body instanceof Body.Stream s && s.in() != null ? s.in() : InputStream.nullInputStream();
        return JsonProjection.PARSERS.createParser(gzip ? new GZIPInputStream(in) : in);
    }

    /** JSON by media type ({@code application/json}, {@code *+json}), or built by the gateway. */
    static boolean json(Reply reply) {
        if (reply.body() instanceof Body.Json) {
            return true;
        }
        String type = reply.header("Content-Type");
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** A weak tag of the bytes sent: their length and CRC-32C. */
    static String etag(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return "W/\"pt-" + Integer.toHexString(bytes.length) + "-" + Long.toHexString(crc.getValue()) + "\"";
    }

    /** Whether {@code If-None-Match} names {@code tag} (weak comparison, RFC 9110 §13.1.2) or is {@code *}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = tag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || (c.startsWith("W/") ? c.substring(2) : c).equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}

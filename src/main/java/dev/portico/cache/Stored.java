package dev.portico.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored response (RFC 9111 §3): status, end-to-end headers as received, the body, when it was asked
 * for and received (epoch milliseconds, for its age, §4.2.3), the request headers its {@code Vary} names,
 * and whose it is (the subject of an authenticated request, null when shared by everyone). Kept in the
 * cluster as bytes, so that a member needs none of the gateway's classes.
 */
public final class Stored {
    private static final int FORMAT = 1;

    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;
    private final long requestTime;
    private final long responseTime;
    private final Map<String, String> vary;
    private final String subject;
    // Read on every hit, so parsed once (a race computes the same value twice, no harm).
    private Directives directives;
    private long date = Long.MIN_VALUE;

    public Stored(int status, Map<String, List<String>> headers, byte[] body, long requestTime, long responseTime,
            Map<String, String> vary, String subject) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.requestTime = requestTime;
        this.responseTime = responseTime;
        this.vary = vary;
        this.subject = subject;
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    /** When it was asked for, epoch milliseconds. */
    public long requestTime() {
        return requestTime;
    }

    /** When it was received, epoch milliseconds. */
    public long responseTime() {
        return responseTime;
    }

    public Map<String, String> vary() {
        return vary;
    }

    public String subject() {
        return subject;
    }

    /** Its Date in epoch seconds; when it has none (or a bad one), when it was received. */
    public long date() {
        if (date == Long.MIN_VALUE) {
            Long parsed = HttpDate.parse(header("Date"));
            date = parsed != null ? parsed : responseTime / 1000;
        }
        return date;
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

    /** Every value of a header, by name in any case. */
    public List<String> values(String name) {
        List<String> all = new ArrayList<>(1);
        headers.forEach((key, values) -> {
            if (key.equalsIgnoreCase(name)) {
                all.addAll(values);
            }
        });
        return all;
    }

    /**
     * The directives this cache obeys: {@code CDN-Cache-Control}'s when the response has it (RFC 9213: a
     * targeted field replaces {@code Cache-Control} for the caches it targets, gateways and CDNs), else
     * {@code Cache-Control}'s (also when the targeted field is not a valid dictionary).
     */
    public Directives directives() {
        if (directives == null) {
            List<String> targeted = values("CDN-Cache-Control");
            Directives valid = targeted.isEmpty() ? null : Directives.parseTargeted(targeted);
            directives = valid != null ? valid : Directives.parse(values("Cache-Control"));
        }
        return directives;
    }

    /** This response with the times of a fresh exchange and its headers updated from a 304 (§4.3.4). */
    public Stored refreshed(Map<String, List<String>> update, long requested, long received) {
        Map<String, List<String>> merged = new LinkedHashMap<>(headers);
        update.forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Content-Type")
                    && !name.equalsIgnoreCase("Content-Encoding") && !name.equalsIgnoreCase("Transfer-Encoding")) {
                merged.keySet().removeIf(name::equalsIgnoreCase);
                merged.put(name, values);
            }
        });
        return new Stored(status, merged, body, requested, received, vary, subject);
    }

    /** The variants of one target, as the cluster keeps them. */
    public static byte[] encode(List<Stored> variants) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(variants.size());
            for (Stored s : variants) {
                out.writeShort(s.status);
                out.writeLong(s.requestTime);
                out.writeLong(s.responseTime);
                writeNullable(out, s.subject);
                out.writeShort(s.vary.size());
                for (Map.Entry<String, String> v : s.vary.entrySet()) {
                    out.writeUTF(v.getKey());
                    writeNullable(out, v.getValue());
                }
                out.writeShort(s.headers.size());
                for (Map.Entry<String, List<String>> h : s.headers.entrySet()) {
                    out.writeUTF(h.getKey());
                    out.writeShort(h.getValue().size());
                    for (String value : h.getValue()) {
                        writeLong(out, value);
                    }
                }
                out.writeInt(s.body.length);
                out.write(s.body);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The variants from their bytes; empty when the bytes are of another format. */
    public static List<Stored> decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != FORMAT) {
                return List.of();
            }
            int count = in.readShort();
            List<Stored> variants = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int status = in.readShort();
                long requested = in.readLong();
                long received = in.readLong();
                String subject = readNullable(in);
                int varyCount = in.readShort();
                Map<String, String> vary = new LinkedHashMap<>();
                for (int v = 0; v < varyCount; v++) {
                    vary.put(in.readUTF(), readNullable(in));
                }
                int headerCount = in.readShort();
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (int h = 0; h < headerCount; h++) {
                    String name = in.readUTF();
                    int valueCount = in.readShort();
                    List<String> values = new ArrayList<>(valueCount);
                    for (int v = 0; v < valueCount; v++) {
                        values.add(readLong(in));
                    }
                    headers.put(name, values);
                }
                byte[] body = new byte[in.readInt()];
                in.readFully(body);
                variants.add(new Stored(status, headers, body, requested, received, vary, subject));
            }
            return variants;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeLong(out, value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readLong(in) : null;
    }

    /** A string of any length (writeUTF stops at 64 KiB). */
    private static void writeLong(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readLong(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }
}

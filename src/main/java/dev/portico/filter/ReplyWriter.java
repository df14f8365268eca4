package dev.portico.filter;

import dev.portico.problem.Problem;
import dev.portico.problem.ProblemWriter;
import dev.portico.reply.Body;
import dev.portico.reply.Reply;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place a reply reaches the client: its status and headers, the headers every response to the
 * request carries, and its body (none for HEAD). A streamed body is relayed as it arrives, each chunk
 * flushed once no more is waiting; if it breaks off before anything was sent the client gets a 502.
 */
final class ReplyWriter {
    private static final int CHUNK = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(ReplyWriter.class.getName());

    private ReplyWriter() {
    }

    /** Writes the reply; returns the status the client got. */
    static int write(Exchange exchange, Reply reply) throws IOException {
        HttpServletResponse out = exchange.response();
        try {
            head(exchange, reply);
            if (reply.status() != 304 && reply.status() != 204) { // neither has a body, nor a length to announce
                body(exchange, reply.body());
            }
            return reply.status();
        } catch (IOException e) {
            if (out.isCommitted()) {
                // The client or the backend went away mid-stream: the answer is cut off, nothing more can be
                // said, and a stack trace per broken download would only fill the log.
                LOG.log(Level.FINE, "Reply to {0} broken off: {1}", new Object[] {exchange.requestId(), e.toString()});
                return reply.status();
            }
            String origin = reply.body() instanceof Body.Stream s ? s.origin() : "backend";
            Reply broken = Reply.problem(502, "Bad Gateway", "The " + origin + " service broke off its answer.");
            out.reset();
            head(exchange, broken);
            body(exchange, broken.body());
            return broken.status();
        } finally {
            if (reply.body() instanceof Body.Stream s) {
                s.source().close();
            }
        }
    }

    private static void head(Exchange exchange, Reply reply) {
        HttpServletResponse out = exchange.response();
        out.setStatus(reply.status());
        for (Map.Entry<String, List<String>> header : reply.headers().entrySet()) {
            for (String value : header.getValue()) {
                out.addHeader(header.getKey(), value);
            }
        }
        exchange.applyResponseHeaders();
    }

    private static void body(Exchange exchange, Body body) throws IOException {
        HttpServletResponse out = exchange.response();
        boolean head = "HEAD".equals(exchange.method());
        if (body instanceof Body.Stream s) {
            relay(out, s, head);
            return;
        }
        byte[] bytes;
        if (body instanceof Body.Failure f) {
            Problem problem = f.problem().withContext(exchange.rawPath(), exchange.requestId());
            bytes = ProblemWriter.json(problem).getBytes(StandardCharsets.UTF_8);
            out.setContentType(Problem.MEDIA_TYPE);
            out.setHeader("Cache-Control", "no-store");
        } else if (body instanceof Body.Json j) {
            bytes = j.value().toString().getBytes(StandardCharsets.UTF_8);
            if (out.getContentType() == null) {
                out.setContentType("application/json");
            }
        } else if (body instanceof Body.Bytes b) {
            bytes = b.bytes();
        } else {
            bytes = new byte[0];
        }
        out.setContentLength(bytes.length);
        if (!head && bytes.length > 0) {
            out.getOutputStream().write(bytes);
        }
    }

    private static void relay(HttpServletResponse out, Body.Stream body, boolean head) throws IOException {
        long length = body.length();
        if (length >= 0) {
            out.setContentLengthLong(length);
        }
        InputStream in = body.in();
        if (in == null || head) {
            return;
        }
        ServletOutputStream sink = out.getOutputStream();
        // Sized to the body when it is smaller: a 16 KiB buffer per 1 KiB answer was ~45 % of all allocation.
        byte[] buffer = new byte[length >= 0 && length < CHUNK ? (int) Math.max(1, length) : CHUNK];
        long sent = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            sink.write(buffer, 0, n);
            sent += n;
            // The last chunk of a body of known length is not flushed here: the container sends it with the
            // end of the response, in the same write.
            if (sent != length && in.available() == 0) {
                sink.flush();
            }
        }
    }
}

package dev.portico.api;

import dev.portico.reply.Body;
import dev.portico.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /admin/ui}: the admin console's page, its script and style, and the chart library (uPlot, from
 * npm through its WebJar, so it is vendored at build time: no CDN, nothing fetched at run time). The
 * files hold no data: the page asks for an admin token, keeps it in memory only, and reads
 * {@code /admin/routes}, {@code /admin/backends} and {@code /admin/stats} with it. Loaded once.
 */
@ApplicationScoped
public class AdminConsole {
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
    /** Same origin only; no inline script; uPlot sets styles through the CSSOM, which CSP allows. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    private static final Map<String, File> FILES = Map.of(
            "", new File("admin-ui/index.html", "text/html; charset=utf-8"),
            "/console.js", new File("admin-ui/console.js", JS),
            "/console.css", new File("admin-ui/console.css", CSS),
            "/uPlot.iife.min.js", new File(UPLOT + "uPlot.iife.min.js", JS),
            "/uPlot.min.css", new File(UPLOT + "uPlot.min.css", CSS));

    /** A file of the console: where it is on the class path, and its media type. */
    private record File(String resource, String mediaType) {
    }

    private final Map<String, Body.Bytes> loaded = new ConcurrentHashMap<>();

    /** The file at {@code rest} (after {@code /admin/ui}), or 404. */
    Reply serve(String rest) {
        String name = rest.equals("/") ? "" : rest;
        File file = FILES.get(name);
        if (file == null) {
            return Reply.problem(404, "Not Found", "The console has no file " + rest + ".");
        }
        Body.Bytes body = loaded.computeIfAbsent(name, n -> new Body.Bytes(read(file.resource()), file.mediaType()));
        return Reply.of(200, Map.of("Content-Type", List.of(file.mediaType()), "Content-Security-Policy", List.of(POLICY), "X-Content-Type-Options", List.of("nosniff"),
                "Cache-Control", List.of("no-cache"), "Referrer-Policy", List.of("no-referrer")), body);
    }

    private static byte[] read(String resource) {
        try (InputStream in = AdminConsole.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the WAR lacks " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.portico.filter;

import dev.portico.config.HttpsDefinition;
import dev.portico.reply.Reply;
import dev.portico.route.GatewayRoute;
import java.net.URI;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * With {@code portico.https.redirect=true}, or on a route with {@code https-redirect=true}: plain HTTP gets a
 * 308 to the same path on the HTTPS port (before authentication, so no token is checked in the clear), and
 * HTTPS responses carry HSTS.
 */
final class HttpsStage implements Stage {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    private final HttpsDefinition https;
    private final Predicate<String> trustedProxy;

    HttpsStage(HttpsDefinition https, Predicate<String> trustedProxy) {
        this.https = https;
        this.trustedProxy = trustedProxy;
    }

    @Override
    public Reply apply(Exchange exchange) {
        GatewayRoute route = exchange.match().found() ? exchange.route() : exchange.match().onPath();
        if (!https.redirect() && (route == null || !route.policy().httpsOnly())) {
            return null;
        }
        if (secure(exchange)) {
            exchange.responseHeaders().put("Strict-Transport-Security",
                    "max-age=" + https.hstsMaxAge().toSeconds() + "; includeSubDomains");
            return null;
        }
        URI target = redirect(exchange.request().getServerName(), exchange.rawPath(), exchange.query(), https.port());
        return target == null ? Reply.problem(400, "Bad request", "The request's Host is not a host name.")
                : Reply.empty(308, Map.of("Location", target.toString()));
    }

    /** The same host, path and query on the HTTPS port; null when the host is not a plain host name. */
    static URI redirect(String host, String rawPath, String rawQuery, int httpsPort) {
        if (host == null || !HOST.matcher(host).matches()) {
            return null;
        }
        String port = httpsPort == 443 ? "" : ":" + httpsPort;
        return URI.create("https://" + host + port + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
    }

    /** Over TLS to Liberty, or to a trusted proxy in front that says so (else a TLS-terminating LB would loop). */
    private boolean secure(Exchange exchange) {
        return exchange.request().isSecure() || ("https".equalsIgnoreCase(exchange.header("X-Forwarded-Proto"))
                && trustedProxy.test(exchange.request().getRemoteAddr()));
    }
}

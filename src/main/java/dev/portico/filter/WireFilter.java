package dev.portico.filter;

import dev.portico.problem.ErrorPageServlet;
import dev.portico.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Checks of the request as it came off the wire, in a servlet filter because JAX-RS fails to build the
 * request URI from a bad {@code Host} (a 500): refuses a {@code Host} that is not a host name or IP literal
 * with an optional port (RFC 9110 §7.2), and an HTTP/1.1 request without one (RFC 9112 §3.2; HTTP/2
 * carries {@code :authority} instead).
 */
@WebFilter(urlPatterns = "/*", filterName = "portico-wire", asyncSupported = true)
public class WireFilter extends HttpFilter {
    private static final Pattern HOST = Pattern.compile(
            "([A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*\\.?|\\[[0-9A-Fa-f:.]{2,45}\\])"
            + "(:[0-9]{1,5})?");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String host = request.getHeader("Host");
        if (host == null && "HTTP/1.1".equals(request.getProtocol())) {
            ErrorPageServlet.send(request, response, Problem.of(400, "Bad request",
                    "An HTTP/1.1 request needs a Host header."), request.getRequestURI());
            return;
        }
        if (host != null && !HOST.matcher(host).matches()) {
            ErrorPageServlet.send(request, response, Problem.of(400, "Bad request",
                    "The Host header is not a host name with an optional port."), request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}

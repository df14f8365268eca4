package dev.portico.filter;

import dev.portico.problem.ErrorPageServlet;
import dev.portico.problem.Problem;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application's default servlet: the target of every request, which {@link GatewayFilter} answers
 * before it is reached. It exists so that the target is not Liberty's file-serving servlet, whose
 * default {@code doTrace} makes Liberty refuse a TRACE with its own HTML 403 before any filter runs
 * (the gateway answers TRACE with its 405 problem). Reached only if the filter is bypassed: a 404 problem.
 */
@WebServlet("/")
public class DefaultServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorPageServlet.send(request, response, Problem.of(404, "Not Found", "No route matches this path."),
                request.getRequestURI());
    }

    @Override
    protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        service(request, response);
    }
}

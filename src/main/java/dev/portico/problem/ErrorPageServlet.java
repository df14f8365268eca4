package dev.portico.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The web container's error page: a problem body instead of an HTML page with a stack trace. */
@WebServlet("/__portico/error")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof IOException && status == 500) {
            status = 400; // the container could not parse the request (bad encoding and the like)
        }
        if (code == null && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null) {
            status = 404; // the error page itself, asked for directly
        }
        Response.StatusType known = Response.Status.fromStatusCode(status);
        String detail = status == 400 ? "The request is malformed (for example, its path is badly encoded)."
                : status >= 500 ? "The gateway failed unexpectedly." : "The request was rejected.";
        send(request, response, Problem.of(status, known == null ? "Error" : known.getReasonPhrase(), detail),
                String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
    }

    /** Writes {@code problem} as the whole response, outside JAX-RS (servlet filters, the error page). */
    public static void send(HttpServletRequest request, HttpServletResponse response, Problem problem, String instance)
            throws IOException {
        String id = RequestIds.keepOrGenerate(request.getHeader(RequestIds.HEADER));
        problem = problem.withContext(instance, id);
        int status = problem.status();
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader(RequestIds.HEADER, id);
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(ProblemWriter.json(problem).getBytes(StandardCharsets.UTF_8));
    }
}

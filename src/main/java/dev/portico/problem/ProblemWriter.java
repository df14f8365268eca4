package dev.portico.problem;

import static dev.portico.json.Jsons.JSON;

import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/** Writes {@link Problem} as RFC 9457 JSON, leaving out members that are not set. */
@Provider
@Produces({Problem.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ProblemWriter implements MessageBodyWriter<Problem> {

    @Override
    public boolean isWriteable(Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType) {
        return type == Problem.class;
    }

    @Override
    public void writeTo(Problem p, Class<?> type, Type generic, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws java.io.IOException {
        out.write(json(p).getBytes(StandardCharsets.UTF_8));
    }

    public static String json(Problem p) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("type", p.type())
                .add("title", p.title())
                .add("status", p.status());
        if (p.detail() != null) {
            json.add("detail", p.detail());
        }
        if (p.instance() != null) {
            json.add("instance", p.instance());
        }
        if (p.requestId() != null) {
            json.add("requestId", p.requestId());
        }
        return json.build().toString();
    }
}

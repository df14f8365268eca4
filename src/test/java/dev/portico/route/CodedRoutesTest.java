package dev.portico.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portico.api.AdminResource;
import dev.portico.api.Handlers;
import dev.portico.api.OrdersResource;
import dev.portico.api.ProductResource;
import dev.portico.api.UserResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The route table's coded entries not served in the servlet layer and the JAX-RS resources must name the same requests. */
class CodedRoutesTest {
    @Test
    void everyCodedPathIsAResourceMethodAndBack() {
        Set<String> resources = new TreeSet<>();
        for (Class<?> resource : new Class<?>[] {AdminResource.class, OrdersResource.class, ProductResource.class,
                UserResource.class}) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb != null) {
                    Path sub = m.getAnnotation(Path.class);
                    String path = sub == null ? base : base.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
                    resources.add(verb + " " + path);
                }
            }
        }
        Set<String> table = CodedRoutes.PATHS.stream().filter(p -> !Handlers.servesCoded(p.id()))
                .map(p -> p.method() + " " + p.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(table, resources);
    }

    private static String verb(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}

package dev.portico.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.api.AdminResource;
import dev.portico.api.Handlers;
import dev.portico.api.OrdersResource;
import dev.portico.api.ProductResource;
import dev.portico.api.UserResource;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
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

    /**
     * CDI's request context is activated only where web.xml's {@code org.jboss.weld.context.mapping} matches:
     * every JAX-RS resource path must, and the paths the servlet layer serves itself need not.
     */
    @Test
    void theRequestContextMappingCoversTheResourcesAndSkipsTheHandlers() throws Exception {
        String webXml = Files.readString(java.nio.file.Path.of("src/main/webapp/WEB-INF/web.xml"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "<param-name>org.jboss.weld.context.mapping</param-name>\\s*<param-value>([^<]+)</param-value>").matcher(webXml);
        assertTrue(m.find(), "web.xml names the mapping");
        java.util.regex.Pattern mapping = java.util.regex.Pattern.compile(m.group(1));
        for (CodedRoutes.CodedPath p : CodedRoutes.PATHS) {
            String example = p.path().replaceAll("\\{[^}]+}", "123");
            assertEquals(!Handlers.servesCoded(p.id()), mapping.matcher(example).matches(), example);
        }
        assertFalse(mapping.matcher("/bench/static.json").matches());
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

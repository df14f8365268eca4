package dev.portico.filter;

import dev.portico.api.AdminResource;
import dev.portico.api.OrdersResource;
import dev.portico.api.ProductResource;
import dev.portico.api.SeedResource;
import dev.portico.api.UserResource;
import dev.portico.api.UserResourceV2;
import dev.portico.route.PathTemplate;
import dev.portico.route.Route;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which coded route a method and path are on, read from the resources' own JAX-RS annotations, for
 * the steps that run before JAX-RS matching (CORS preflights).
 */
final class CodedPaths {
    private record Entry(String method, PathTemplate path, String id) {
    }

    private static final List<Entry> ENTRIES = scan(AdminResource.class, OrdersResource.class, ProductResource.class,
            SeedResource.class, UserResource.class, UserResourceV2.class);

    private CodedPaths() {
    }

    /** The coded routes on {@code rawPath}, by method (empty when none). */
    static Map<String, String> routeIds(String rawPath) {
        Map<String, String> ids = new TreeMap<>();
        for (Entry entry : ENTRIES) {
            if (entry.path().match(rawPath).isPresent()) {
                ids.putIfAbsent(entry.method(), entry.id());
            }
        }
        return ids;
    }

    private static List<Entry> scan(Class<?>... resources) {
        List<Entry> entries = new ArrayList<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                Route route = m.getAnnotation(Route.class);
                String httpMethod = httpMethod(m);
                if (route != null && httpMethod != null) {
                    Path sub = m.getAnnotation(Path.class);
                    String path = sub == null ? base : base.replaceAll("/$", "") + "/" + sub.value().replaceAll("^/", "");
                    entries.add(new Entry(httpMethod, PathTemplate.parse(path), route.value()));
                }
            }
        }
        return List.copyOf(entries);
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}

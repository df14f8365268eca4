package dev.portico.it;

import static dev.portico.it.Gateway.request;
import static dev.portico.it.Gateway.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code /openapi} is the route table (dev.portico.openapi): every coded and declared route of the test
 * configuration, read back and validated by the reference OpenAPI parser (swagger-parser), with its
 * security, its problem responses, its policies as extensions and the bodies the gateway makes.
 */
@ExtendWith({OpenApiIT.Inventory.class, ArquillianExtension.class})
@RunAsClient
class OpenApiIT {
    private static OpenAPI document;

    /** The Inventory gRPC service, up before the gateway is deployed: its start-up warm-up learns the methods. */
    static final class Inventory implements BeforeAllCallback, AfterAllCallback {
        private InventoryService service;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            service = new InventoryService().start();
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            service.close();
        }
    }

    @Deployment(testable = false)
    static WebArchive gateway() {
        return Gateway.war();
    }

    @BeforeAll
    static void read() {
        HttpResponse<String> response = send(request("/openapi?format=JSON"));
        assertEquals(200, response.statusCode(), response.body());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertEquals(List.of(), result.getMessages(), "the validator's findings");
        document = result.getOpenAPI();
        assertNotNull(document);
    }

    @Test
    void everyRouteOfTheTableIsThereWithItsMethods() {
        Map<String, PathItem> paths = document.getPaths();
        for (String path : List.of("/api/user/{id}/orders", "/api/v1/users/{id}/orders", "/api/v2/users/{id}/orders",
                "/api/v1/stock/{sku}", "/api/v1/stock/{sku}/reserve", "/api/v1/combo/{id}", "/api/v2/items/{id}",
                "/api/v1/echo/{rest}", "/api/v1/shaped/{id}/{rest}", "/admin/routes", "/admin/backends", "/admin/cache")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertNotNull(paths.get("/api/v1/stock/{sku}/reserve").getPost());
        assertNull(paths.get("/api/v1/stock/{sku}/reserve").getGet());
        assertNotNull(paths.get("/admin/cache").getDelete());
        Operation echo = paths.get("/api/v1/echo/{rest}").getGet();
        assertEquals("echo", echo.getExtensions().get("x-portico-route"));
        assertTrue(echo.getParameters().stream().anyMatch(p -> p.getName().equals("rest") && p.getIn().equals("path")));
        assertTrue(echo.getResponses().containsKey("2XX"));
    }

    @Test
    void theSeedRouteHasItsSecurityProblemsLimitAndBody() {
        Operation seed = document.getPaths().get("/api/user/{id}/orders").getGet();
        assertEquals("user-orders-seed", seed.getExtensions().get("x-portico-route"));
        assertEquals(List.of(Map.of("bearer", List.of())), seed.getSecurity().stream().map(Map::copyOf).toList());
        assertEquals(Set.of("200", "400", "401", "403", "404", "429", "502", "503", "504"), seed.getResponses().keySet());
        assertEquals("#/components/responses/Problem429", seed.getResponses().get("429").get$ref());
        @SuppressWarnings("unchecked")
        Map<String, Object> limit = (Map<String, Object>) seed.getExtensions().get("x-portico-rate-limit");
        assertEquals(600, ((Number) limit.get("limit")).intValue());
        assertEquals(60, ((Number) limit.get("windowSeconds")).intValue());
        assertTrue(seed.getParameters().stream().anyMatch(p -> p.getName().equals("fields") && p.getIn().equals("query")));
        Schema<?> body = seed.getResponses().get("200").getContent().get("application/json").getSchema();
        assertEquals(Set.of("user", "orders", "errors"), body.getProperties().keySet());
        assertEquals(List.of("user"), body.getRequired());
        assertNotNull(seed.getResponses().get("200").getHeaders().get("Portico-Complete"));
        assertEquals(List.of("admin", "user"), seed.getExtensions().get("x-portico-roles"));
    }

    @Test
    void problemsAreRfc9457AndTheBearerSchemeIsJwt() {
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        assertTrue(problem.getProperties().keySet().containsAll(Set.of("type", "title", "status", "detail", "instance")));
        assertEquals("application/problem+json", document.getComponents().getResponses().get("Problem401")
                .getContent().keySet().iterator().next());
        assertNotNull(document.getComponents().getResponses().get("Problem429").getHeaders().get("Retry-After"));
        assertEquals("bearer", document.getComponents().getSecuritySchemes().get("bearer").getScheme());
        assertEquals("JWT", document.getComponents().getSecuritySchemes().get("bearer").getBearerFormat());
    }

    @Test
    void openRoutesBodiesSunsetsAndTranslationsAreDescribed() {
        Operation stock = document.getPaths().get("/api/v1/stock/{sku}").getGet();
        assertEquals(List.of(), stock.getSecurity(), "auth=none: no security");
        assertTrue(stock.getSummary().contains("portico.inventory.v1.InventoryService/GetStock"), stock.getSummary());
        assertEquals(Set.of("200", "400", "404", "502", "503", "504"), stock.getResponses().keySet());
        // The translated call's response, from the method's descriptor (learned by reflection at start-up).
        Schema<?> ref = stock.getResponses().get("200").getContent().get("application/json").getSchema();
        assertEquals("#/components/schemas/portico.inventory.v1.Stock", ref.get$ref());
        Schema<?> value = document.getComponents().getSchemas().get("portico.inventory.v1.Stock");
        assertTrue(value.getDescription().contains("portico.inventory.v1.Stock"), value.getDescription());
        assertEquals(Set.of("sku", "onHand", "warehouses"), value.getProperties().keySet());
        assertEquals(Set.of("integer"), value.getProperties().get("onHand").getTypes());
        assertEquals(Set.of("array"), value.getProperties().get("warehouses").getTypes());
        assertEquals(Set.of("string"), value.getProperties().get("warehouses").getItems().getTypes());
        Operation reserve = document.getPaths().get("/api/v1/stock/{sku}/reserve").getPost();
        assertNotNull(reserve.getRequestBody());
        assertTrue(reserve.getResponses().containsKey("413"));
        Operation item = document.getPaths().get("/api/v2/items/{id}").getGet();
        assertEquals(Boolean.TRUE, item.getDeprecated());
        assertEquals("2027-06-30", item.getExtensions().get("x-portico-sunset"));
    }

    @Test
    void libertysUiShowsIt() {
        HttpResponse<String> ui = send(request("/openapi/ui/"));
        assertEquals(200, ui.statusCode());
        assertTrue(ui.body().contains("<html"), ui.body());
    }
}

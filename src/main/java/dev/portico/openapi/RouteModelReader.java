package dev.portico.openapi;

import dev.portico.config.BackendDefinition;
import dev.portico.config.ConfigReader;
import dev.portico.grpc.ResponseTypes;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The gateway's {@code /openapi} document: made from the route table, not from annotations (the routes are
 * configuration; no resource class knows them). Named by {@code mp.openapi.model.reader}; the OpenAPI
 * runtime makes it, not CDI, so it reads the table from MicroProfile Config the way {@code GatewayConfig}
 * does (the same reader: what starts the gateway is what is described). A translated gRPC call's response
 * is described from its method's descriptor, asked of the backend by reflection (at most 2 s per call)
 * when the document is made, while the application starts; as any JSON when the backend does not answer.
 */
public class RouteModelReader implements OASModelReader {
    private static final Duration REFLECTION = Duration.ofSeconds(2);

    @Override
    public OpenAPI buildModel() {
        Config config = ConfigProvider.getConfig();
        ConfigReader reader = new ConfigReader(key -> config.getOptionalValue(key, String.class));
        Map<String, BackendDefinition> backends = reader.backends();
        return new RouteDocument(reader.routeTable(backends),
                call -> ResponseTypes.of(backends.get(call.backend()), call.method(), REFLECTION)).build();
    }
}

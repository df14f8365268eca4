package dev.portico.openapi;

import dev.portico.config.ConfigReader;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * The gateway's {@code /openapi} document: made from the route table, not from annotations (the routes are
 * configuration; no resource class knows them). Named by {@code mp.openapi.model.reader}; the OpenAPI
 * runtime makes it, not CDI, so it reads the table from MicroProfile Config the way {@code GatewayConfig}
 * does (the same reader: what starts the gateway is what is described).
 */
public class RouteModelReader implements OASModelReader {

    @Override
    public OpenAPI buildModel() {
        Config config = ConfigProvider.getConfig();
        ConfigReader reader = new ConfigReader(key -> config.getOptionalValue(key, String.class));
        return new RouteDocument(reader.routeTable(reader.backends())).build();
    }
}

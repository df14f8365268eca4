package dev.portico.json;

import jakarta.json.spi.JsonProvider;

/** The JSON-P provider, looked up once: {@code jakarta.json.Json}'s static methods do a ServiceLoader scan per call. */
public final class Jsons {
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsons() {
    }
}

package dev.portico.api;

import static dev.portico.json.Jsons.JSON;

import dev.portico.problem.GatewayException;
import dev.portico.security.Caller;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * Validates a create-order body, {@code {"userId"?, "items": [{"productId", "quantity"}]}}, into the
 * GraphQL mutation's input. Without {@code userId} the order is the caller's own.
 */
final class OrderInput {
    static final int MAX_ITEMS = 100;

    private OrderInput() {
    }

    static JsonObject parse(String body, Caller caller) {
        JsonObject json;
        try {
            json = JSON.createReader(new StringReader(body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw GatewayException.badRequest("The body must be a JSON object.");
        }
        String userId = json.get("userId") instanceof JsonString s ? s.getString() : caller.subject();
        Ids.require("userId", userId);
        if (!caller.mayActFor(userId)) {
            throw new GatewayException(403, "Forbidden", "The token's subject may not order for another user.");
        }
        if (!(json.get("items") instanceof jakarta.json.JsonArray items) || items.isEmpty() || items.size() > MAX_ITEMS) {
            throw GatewayException.badRequest("'items' must be an array of 1-" + MAX_ITEMS + " line items.");
        }
        JsonArrayBuilder lines = JSON.createArrayBuilder();
        for (JsonValue item : items) {
            if (!(item instanceof JsonObject line) || !(line.get("productId") instanceof JsonString product)
                    || !(line.get("quantity") instanceof JsonNumber quantity) || !quantity.isIntegral()) {
                throw GatewayException.badRequest("Each item needs a string 'productId' and an integer 'quantity'.");
            }
            lines.add(JSON.createObjectBuilder()
                    .add("productId", Ids.require("productId", product.getString()))
                    .add("quantity", quantity.longValue() > Integer.MAX_VALUE ? Integer.MAX_VALUE
                            : Math.max(quantity.longValue(), Integer.MIN_VALUE)));
        }
        return JSON.createObjectBuilder().add("userId", userId).add("items", lines).build();
    }
}

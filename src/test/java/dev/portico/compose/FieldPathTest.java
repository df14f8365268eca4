package dev.portico.compose;

import static dev.portico.json.Jsons.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class FieldPathTest {
    private static final JsonValue ORDERS = json("{\"orders\":[{\"id\":\"o1\",\"items\":[{\"productId\":\"1\"},{\"productId\":\"2\"}]},"
            + "{\"id\":\"o2\",\"items\":[{\"productId\":\"1\"},{\"other\":true}]},{\"id\":\"o3\"}],\"a.b\":{\"c\":7}}");

    private static JsonValue json(String text) {
        return JSON.createReader(new StringReader(text)).readValue();
    }

    @Test
    void collectsThroughNestedArraysInOrderSkippingWhatIsMissing() {
        assertEquals("[\"1\", \"2\", \"1\"]", FieldPath.parse("orders[].items[].productId").collect(ORDERS).toString());
        assertEquals(3, FieldPath.parse("orders[].id").collect(ORDERS).size());
        assertTrue(FieldPath.parse("nothing[].id").collect(ORDERS).isEmpty());
        assertTrue(FieldPath.parse("orders.id").collect(ORDERS).isEmpty(), "an array is not walked without []");
    }

    @Test
    void getsOneValueAndTheRoot() {
        assertEquals("7", FieldPath.parse("a\\.b.c").get(ORDERS).toString(), "an escaped dot is part of the name");
        assertNull(FieldPath.parse("x.y").get(ORDERS));
        assertEquals(ORDERS, FieldPath.parse("").get(ORDERS));
        assertTrue(FieldPath.parse(" ").root());
    }

    @Test
    void updatesEveryObjectHoldingTheLastMember() {
        JsonValue out = FieldPath.parse("orders[].items[].productId").updateHolders(ORDERS,
                o -> JSON.createObjectBuilder(o).add("seen", true).build());
        assertEquals(3, FieldPath.parse("orders[].items[].seen").collect(out).size());
        assertEquals(1, FieldPath.parse("orders[].items[].other").collect(out).size(), "the item without the member is kept");
        assertEquals(3, FieldPath.parse("orders[].id").collect(out).size());
    }

    @Test
    void malformedPathsAreRefused() {
        for (String bad : new String[] {"a..b", ".a", "a.", "a[]]", "a b", "[]"}) {
            assertThrows(IllegalArgumentException.class, () -> FieldPath.parse(bad), bad);
        }
    }
}

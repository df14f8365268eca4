package dev.portico.compose;

import static dev.portico.json.Jsons.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TemplateTest {
    private static final Function<String, JsonValue> VALUES = Map.<String, JsonValue>of(
            "id", JSON.createValue("a b/c"),
            "collected", JSON.createArrayBuilder().add("1").add("x,y").build(),
            "body", JSON.createObjectBuilder().add("n", 1).build())::get;

    @Test
    void aLoneVariableKeepsItsJsonTypeAndTextBecomesAString() {
        assertEquals("{\"n\":1}", Template.parse("{body}").json(VALUES).toString());
        assertEquals("[\"1\",\"x,y\"]", Template.parse("{collected}").json(VALUES).toString());
        assertEquals("\"user a b/c\"", Template.parse("user {id}").json(VALUES).toString());
    }

    @Test
    void intoAUrlEveryValueIsEncodedAndArraysJoined() {
        assertEquals("/users/a%20b%2Fc?x=1", Template.parse("/users/{id}?x=1").url(VALUES));
        assertEquals("/p?ids=1,x%2Cy", Template.parse("/p?ids={collected}").url(VALUES));
    }

    @Test
    void namesItsVariablesAndRefusesBrokenPlaceholders() {
        assertEquals(Set.of("id", "query.q"), Template.parse("/a/{id}/{query.q}/{id}").variables());
        for (String bad : new String[] {"/a/{id", "/a/{}", "/a/{{id}}"}) {
            assertThrows(IllegalArgumentException.class, () -> Template.parse(bad), bad);
        }
    }
}

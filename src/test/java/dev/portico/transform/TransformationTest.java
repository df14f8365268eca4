package dev.portico.transform;

import static dev.portico.json.Jsons.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.reply.JsonProjection;
import dev.portico.transform.BodyRules.ClientRules;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC §10's rules on JSON, compiled as start-up compiles them and applied as a reply is written. */
class TransformationTest {
    private static final String ORDER = """
            {"user":{"id":1,"name":"Ann","email":"a@x","address":{"city":"Oslo","zip":"0150"}},
             "orders":[{"id":7,"status":"SHIPPED","internal":"x","items":[{"productId":"p1","qty":2,"price":3.5},{"productId":"p2","qty":1}]},
                       {"id":8,"status":"NEW","items":[]}],
             "total":12.50,"tags":["a","b"],"a.b":{"c":true},"matrix":[[{"x":1,"y":2}],[{"x":3,"y":4}]],"nothing":null}""";

    // --- field paths ---

    @Test
    void pathsAreNamesBetweenDotsWithArraysAndEscapes() {
        assertEquals(List.of("orders", "items", "productId"), FieldNames.path("orders[].items[].productId"));
        assertEquals(List.of("orders", "id"), FieldNames.path("orders.id"));
        assertEquals(List.of("matrix", "x"), FieldNames.path("matrix[][].x"));
        assertEquals(List.of("a.b", "c"), FieldNames.path("a\\.b.c"));
        assertEquals(List.of("f(x)", "k:v,w", "[0]"), FieldNames.path("f\\(x\\).k\\:v\\,w.\\[0\\]"));
        assertEquals("a\\.b.c", FieldNames.text(List.of("a.b", "c")));
        for (String bad : List.of("", ".a", "a.", "a..b", "a[", "a[]x", "a]", "[]", "a b", "a\\x", "a\\", "a,b", "a:b", "a(b)")) {
            assertThrows(IllegalArgumentException.class, () -> FieldNames.path(bad), bad);
        }
        assertEquals(List.of("a\\,b", "c"), FieldNames.split(" a\\,b , c ,", ','));
    }

    // --- allow, deny, rename ---

    @Test
    void allowKeepsTheListedFieldsAndTheObjectsAboveThem() {
        BodyRules rules = rules("user.id, user.name, orders[].id, orders[].items[].productId", null, null);
        assertJson("""
                {"user":{"id":1,"name":"Ann"},"orders":[{"id":7,"items":[{"productId":"p1"},{"productId":"p2"}]},{"id":8,"items":[]}]}""",
                project(ORDER, rules, null, null));
        assertJson("{\"user\":{\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}}", project(ORDER, rules("user.address", null, null), null, null));
        assertJson("{\"matrix\":[[{\"y\":2}],[{\"y\":4}]]}", project(ORDER, rules("matrix[][].y", null, null), null, null));
        assertJson("{\"tags\":[\"a\",\"b\"],\"nothing\":null}", project(ORDER, rules("tags, nothing", null, null), null, null));
        assertJson("{\"a.b\":{\"c\":true}}", project(ORDER, rules("a\\.b.c", null, null), null, null));
        assertJson("{}", project(ORDER, rules("missing.deep", null, null), null, null));
        assertJson("{\"tags\":[]}", project(ORDER, rules("tags[].name", null, null), null, null),
                "a scalar where fields were expected is not kept");
        assertJson("[{\"id\":1},{\"id\":2}]", project("[{\"id\":1,\"x\":0},{\"id\":2}]", rules("id", null, null), null, null),
                "a top-level array: every element");
        assertJson("\"just text\"", project("\"just text\"", rules("id", null, null), null, null));
    }

    @Test
    void aDocumentNestedBeyondReasonIsRefusedNotRecursedInto() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThrows(jakarta.json.JsonException.class, () -> JsonProjection.write(JSON.createParser(new StringReader(deep)),
                rules("id", null, null).cursor(null, null), new ByteArrayOutputStream()));
    }

    @Test
    void denyDropsTheListedFieldsWhereverTheyAre() {
        String out = project(ORDER, rules(null, "user.email, orders[].internal, orders[].items[].price, matrix[][].x, user.address", null),
                null, null);
        assertJson("""
                {"user":{"id":1,"name":"Ann"},
                 "orders":[{"id":7,"status":"SHIPPED","items":[{"productId":"p1","qty":2},{"productId":"p2","qty":1}]},{"id":8,"status":"NEW","items":[]}],
                 "total":12.50,"tags":["a","b"],"a.b":{"c":true},"matrix":[[{"y":2}],[{"y":4}]],"nothing":null}""", out);
        assertJson(ORDER, project(ORDER, rules(null, "missing.field, user.missing", null), null, null), "missing paths change nothing");
    }

    @Test
    void renameMovesAFieldWithinItsObject() {
        String out = project(ORDER, rules("user.name, orders[].id, orders[].items[].productId", null,
                "user.name:user.fullName, orders:purchases, orders[].items[].productId:sku"), null, null);
        assertJson("""
                {"user":{"fullName":"Ann"},"purchases":[{"id":7,"items":[{"sku":"p1"},{"sku":"p2"}]},{"id":8,"items":[]}]}""", out);
        assertJson("{\"id\":1,\"name\":\"x\"}", project("{\"id\":1,\"name\":\"x\"}", rules(null, null, "missing:gone"), null, null));
    }

    @Test
    void aRenamedFieldMeetingAnExistingNameKeepsTheFirstWritten() {
        BodyRules rules = rules(null, null, "nick:name");
        assertJson("{\"name\":\"N\",\"id\":1}", project("{\"nick\":\"N\",\"name\":\"real\",\"id\":1}", rules, null, null));
        assertJson("{\"name\":\"real\",\"id\":1}", project("{\"name\":\"real\",\"nick\":\"N\",\"id\":1}", rules, null, null));
        assertEquals(2, JSON.createReader(new StringReader(project("{\"name\":\"a\",\"nick\":\"b\",\"x\":{\"name\":1}}", rules,
                null, null))).readObject().size(), "never two members of one name");
    }

    @Test
    void renameRulesThatCollideFailAtStartUp() {
        assertThrows(IllegalArgumentException.class, () -> Renames.of(List.of(move("a.b", "c"), move("a.b", "d"))));
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> Renames.of(List.of(move("a.b", "c"), move("a.d", "c"))));
        assertTrue(same.getMessage().contains("a.c"), same.getMessage());
        Renames.of(List.of(move("a.b", "c"), move("x.b", "c"))); // other objects: fine
    }

    @Test
    void theOrderIsAllowDenyRenameThenTheClientTypeThenTheMask() {
        Map<String, ClientRules> clients = Map.of(
                "iot", new ClientRules(Selection.of(paths("purchases.id, purchases.status")), Exclusion.NONE),
                "mobile", new ClientRules(null, Exclusion.of(paths("purchases.items"))));
        BodyRules rules = new BodyRules(Selection.of(paths("user, orders")), Exclusion.of(paths("user.email, orders.internal")),
                renames("orders:purchases"), clients, true);
        assertJson("{\"purchases\":[{\"id\":7,\"status\":\"SHIPPED\"},{\"id\":8,\"status\":\"NEW\"}]}",
                project(ORDER, rules, "iot", null));
        assertJson("""
                {"user":{"id":1,"name":"Ann","address":{"city":"Oslo","zip":"0150"}},"purchases":[{"id":7,"status":"SHIPPED"},{"id":8,"status":"NEW"}]}""",
                project(ORDER, rules, "mobile", null));
        assertJson("{\"user\":{\"name\":\"Ann\"},\"purchases\":[{\"id\":7},{\"id\":8}]}",
                project(ORDER, rules, "web", "user/name,purchases/id"));
        assertJson("{\"purchases\":[{\"id\":7},{\"id\":8}]}", project(ORDER, rules, "iot", "purchases/id"));
    }

    @Test
    void noRulesForARequestMeansNoWalk() {
        BodyRules rules = new BodyRules(null, Exclusion.NONE, Renames.NONE,
                Map.of("iot", new ClientRules(Selection.of(paths("id")), Exclusion.NONE)), true);
        assertNull(rules.cursor("web", null), "web has no rules of its own, and no mask: unchanged");
        assertTrue(rules.cursor("iot", null) != null);
        assertTrue(rules.any());
        assertTrue(!BodyRules.NONE.any());
    }

    // --- the client's mask ---

    @Test
    void masksUseGooglesPartialResponseSyntax() {
        assertEquals(List.of(List.of("user", "id"), List.of("user", "name"), List.of("orders", "id")),
                FieldsMask.parse("user(id,name),orders/id"));
        assertEquals(List.of(List.of("a", "b", "c"), List.of("a", "b", "d", "e"), List.of("f")), FieldsMask.parse("a/b(c,d/e),f"));
        assertEquals(List.of(List.of("a,b"), List.of("c/d")), FieldsMask.parse("a\\,b,c\\/d"));
        assertEquals(List.of(List.of("items", "*")), FieldsMask.parse("items/*"));
        assertEquals(Selection.of(List.of(List.of("items"))).toString(), FieldsMask.selection(FieldsMask.parse("items/*")).toString());
        for (String bad : List.of("", ",", "a,", ",a", "a//b", "a(", "a()", "a(b", "a)b", "a(b))", "a b", "a/", "(a)", "a(b,)", "a\u0000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldsMask.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("the fields mask is malformed at character "), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> FieldsMask.parse("a(".repeat(5000) + "b" + ")".repeat(5000)),
                "deep nesting is refused, not recursed into");
        assertThrows(IllegalArgumentException.class, () -> FieldsMask.parse("a,".repeat(2000) + "b"));
        assertEquals(32, FieldsMask.parse("a(".repeat(31) + "b" + ")".repeat(31)).get(0).size());
    }

    @Test
    void aMaskStaysWithinWhatTheRouteLetsThrough() {
        BodyRules rules = new BodyRules(Selection.of(paths("user.id, user.name, orders")), Exclusion.of(paths("orders.internal")),
                renames("user.name:fullName"), Map.of("iot", new ClientRules(Selection.of(paths("orders.id")), Exclusion.NONE)), true);
        rules.check(FieldsMask.parse("user(id,fullName),orders/status"), "web");
        rules.check(FieldsMask.parse("user"), "web"); // partly let through: its allowed members
        rules.check(FieldsMask.parse("orders/*"), "mobile");
        for (String refused : List.of("user/email", "user/name", "orders/internal", "secret")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> rules.check(FieldsMask.parse(refused), "web"), refused);
            assertTrue(e.getMessage().contains("'" + refused + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> rules.check(FieldsMask.parse("user/id"), "iot"));
        rules.check(FieldsMask.parse("orders/id"), "iot");

        Selection allowed = Selection.of(paths("user.id, user.name, orders"));
        Selection mask = FieldsMask.selection(FieldsMask.parse("user(id,email),orders/id,x"));
        assertEquals("(orders(id),user(id))", allowed.intersect(mask).toString());
    }

    // --- headers ---

    @Test
    void headerRulesRemoveThenSetWithPlaceholders() {
        HeaderRules rules = HeaderRules.parse("X-Tenant: acme, X-Caller: {sub}, X-Order: {id}-{client-type}, X-List: a\\, b",
                "Cookie, x-debug", Set.of("sub", "client-type", "id"), true);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("cookie", List.of("s=1"));
        headers.put("X-Debug", List.of("1"));
        headers.put("x-tenant", List.of("evil"));
        headers.put("Accept", List.of("*/*"));
        Map<String, String> vars = Map.of("sub", "alice", "client-type", "iot", "id", "42");
        rules.applyTo(headers, vars::get);
        assertEquals(Map.of("Accept", List.of("*/*"), "X-Tenant", List.of("acme"), "X-Caller", List.of("alice"),
                "X-Order", List.of("42-iot"), "X-List", List.of("a, b")), headers);

        Map<String, List<String>> anonymous = new HashMap<>();
        rules.applyTo(anonymous, name -> name.equals("sub") ? null : "x\r\ny".equals(name) ? null : name.equals("id") ? "a\r\nb" : "web");
        assertTrue(!anonymous.containsKey("X-Caller"), "no subject: not set");
        assertTrue(!anonymous.containsKey("X-Order"), "a value with CR LF once filled: not set");
    }

    @Test
    void badHeaderRulesAreRefused() {
        Set<String> vars = Set.of("sub", "client-type");
        for (String[] bad : List.of(new String[] {"X-A acme", null}, new String[] {"X A: b", null}, new String[] {"X-A: {nope}", null},
                new String[] {"Content-Length: 5", null}, new String[] {null, "Transfer-Encoding"}, new String[] {"X-Portico-Subject: x", null},
                new String[] {null, "Host"}, new String[] {"X-A: {sub", null})) {
            assertThrows(IllegalArgumentException.class, () -> HeaderRules.parse(bad[0], bad[1], vars, true), String.join("|",
                    String.valueOf(bad[0]), String.valueOf(bad[1])));
        }
        HeaderRules.parse("X-Portico-Note: ok", null, vars, false); // toward the client, the name is free
    }

    // --- helpers ---

    private static BodyRules rules(String allow, String deny, String rename) {
        return new BodyRules(allow == null ? null : Selection.of(paths(allow)), deny == null ? Exclusion.NONE : Exclusion.of(paths(deny)),
                rename == null ? Renames.NONE : renames(rename), Map.of(), true);
    }

    static List<List<String>> paths(String list) {
        List<List<String>> out = new ArrayList<>();
        FieldNames.split(list, ',').forEach(p -> out.add(FieldNames.path(p)));
        return out;
    }

    private static Renames renames(String list) {
        List<Map.Entry<List<String>, String>> moves = new ArrayList<>();
        for (String pair : FieldNames.split(list, ',')) {
            List<String> sides = FieldNames.split(pair, ':');
            List<String> to = FieldNames.path(sides.get(1));
            moves.add(move(sides.get(0), to.get(to.size() - 1)));
        }
        return Renames.of(moves);
    }

    private static Map.Entry<List<String>, String> move(String from, String to) {
        return new AbstractMap.SimpleEntry<>(FieldNames.path(from), to);
    }

    static String project(String json, BodyRules rules, String clientType, String mask) {
        List<List<String>> masked = mask == null ? null : FieldsMask.parse(mask);
        if (masked != null) {
            rules.check(masked, clientType);
        }
        Cursor cursor = rules.cursor(clientType, masked == null ? null : FieldsMask.selection(masked));
        if (cursor == null) {
            return json;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonProjection.write(JSON.createParser(new StringReader(json)), cursor, out);
        String streamed = out.toString(StandardCharsets.UTF_8);
        jakarta.json.JsonValue built = JSON.createReader(new StringReader(json)).readValue();
        if (built instanceof jakarta.json.JsonStructure structure) { // an aggregate's body: a parser over built values
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            JsonProjection.write(structure instanceof jakarta.json.JsonObject o ? JSON.createParserFactory(null).createParser(o)
                    : JSON.createParserFactory(null).createParser((jakarta.json.JsonArray) structure), cursor, again);
            assertEquals(streamed, again.toString(StandardCharsets.UTF_8), "the same from a stream and from built values");
        }
        return streamed;
    }

    private static void assertJson(String expected, String actual) {
        assertJson(expected, actual, null);
    }

    private static void assertJson(String expected, String actual, String message) {
        assertEquals(JSON.createReader(new StringReader(expected)).readValue(), JSON.createReader(new StringReader(actual)).readValue(),
                message);
    }
}

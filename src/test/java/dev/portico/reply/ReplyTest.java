package dev.portico.reply;

import static dev.portico.json.Jsons.JSON;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portico.problem.GatewayException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ReplyTest {

    @Test
    void aStreamIsReadWholeOnceAndItsSourceReleased() {
        AtomicBoolean closed = new AtomicBoolean();
        Reply reply = Reply.of(200, Map.of("Content-Type", List.of("application/json")),
                new Body.Stream(new ByteArrayInputStream("{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8)), 11,
                        () -> closed.set(true), "b"));

        assertEquals("{\"a\":[1,2]}", new String(reply.bytes(), StandardCharsets.UTF_8));
        assertTrue(closed.get());
        assertInstanceOf(Body.Bytes.class, reply.body());
        assertEquals("application/json", ((Body.Bytes) reply.body()).contentType());
        assertEquals(2, reply.json().asJsonObject().getJsonArray("a").size());
        assertInstanceOf(Body.Json.class, reply.body(), "parsed once, kept as JSON");
    }

    @Test
    void jsonBecomesBytesAndTextThatIsNotJsonHasNoJson() {
        Reply json = Reply.json(201, JSON.createObjectBuilder().add("id", "7").build());
        assertArrayEquals("{\"id\":\"7\"}".getBytes(StandardCharsets.UTF_8), json.bytes());
        Reply text = Reply.of(200, Map.of(), new Body.Bytes("<html>".getBytes(StandardCharsets.UTF_8), "text/html"));
        assertNull(text.json());
        assertEquals(0, Reply.empty(204, Map.of()).bytes().length);
    }

    @Test
    void aProblemKeepsItsHeadersAndIsProblemJson() {
        Reply reply = Reply.problem(new GatewayException(429, "Too Many Requests", "slow down", Map.of("Retry-After", "3")));
        assertEquals(429, reply.status());
        assertEquals("3", reply.header("retry-after"));
        assertEquals("Too Many Requests", reply.problem().title());
        assertTrue(new String(reply.bytes(), StandardCharsets.UTF_8).contains("\"status\":429"));
    }

    @Test
    void settingAHeaderReplacesItUnderAnySpelling() {
        Reply reply = Reply.of(200, Map.of("content-type", List.of("a"), "X-A", List.of("1", "2")), Body.EMPTY);
        reply.header("Content-Type", "b");
        assertEquals("b", reply.header("CONTENT-TYPE"));
        assertEquals(2, reply.headers().size());
        assertNull(reply.complete());
        assertEquals(false, reply.complete(false).complete());
    }
}

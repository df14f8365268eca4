package dev.portico.reply;

import static dev.portico.json.Jsons.JSON;

import dev.portico.transform.Cursor;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a JSON document as a route's rules let it through (SPEC §10), in one streaming pass: members a rule
 * drops are skipped unread, renamed ones written under their new name, and what no rule touches below is
 * copied event by event. Memory is the parser's and generator's buffers, not the document.
 */
public final class JsonProjection {
    /** Deeper documents are refused (a recursion per level): no API answer nests this deep. */
    static final int MAX_DEPTH = 500;

    private final JsonParser parser;
    private final JsonGenerator out;
    private int depth;

    /** Made once: the provider's per-call lookups and configuration are not repeated per body. */
    public static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    private static final JsonGeneratorFactory GENERATORS = JSON.createGeneratorFactory(Map.of());

    private JsonProjection(JsonParser parser, JsonGenerator out) {
        this.parser = parser;
        this.out = out;
    }

    /**
     * Writes UTF-8 bytes.
     *
     * @throws jakarta.json.JsonException (or a subclass) when the input is not one JSON document
     */
    public static void write(JsonParser parser, Cursor cursor, OutputStream out) {
        write(parser, cursor, GENERATORS.createGenerator(out, StandardCharsets.UTF_8));
    }

    /** Writes characters (for a small body: no encoder and its buffer per body). */
    public static void write(JsonParser parser, Cursor cursor, Writer out) {
        write(parser, cursor, GENERATORS.createGenerator(out));
    }

    private static void write(JsonParser parser, Cursor cursor, JsonGenerator generator) {
        JsonProjection projection = new JsonProjection(parser, generator);
        Event first = parser.next();
        if (first == Event.START_OBJECT || first == Event.START_ARRAY) {
            projection.value(first, cursor, null);
        } else {
            projection.copy(first, null); // a lone scalar has no fields to select
        }
        if (parser.hasNext()) {
            throw new jakarta.json.stream.JsonParsingException("more than one JSON value", parser.getLocation());
        }
        projection.out.close();
    }

    private void value(Event event, Cursor cursor, String name) {
        if (cursor.passAll()) {
            copy(event, name);
            return;
        }
        switch (event) {
            case START_OBJECT -> {
                start(true, name);
                long written = 0; // which of the names members are renamed to are taken (the first one written wins)
                for (Event e = parser.next(); e != Event.END_OBJECT; e = parser.next()) {
                    Cursor member = cursor.member(parser.getString());
                    Event v = parser.next();
                    int target = member == null ? -1 : cursor.renamedTo(member.name());
                    if (member == null || (target >= 0 && target < 64 && (written & (1L << target)) != 0)) {
                        skip(v); // dropped, or a name a renamed member took first
                        continue;
                    }
                    if (target >= 0 && target < 64) {
                        written |= 1L << target;
                    }
                    value(v, member, member.name());
                }
                end();
            }
            case START_ARRAY -> {
                start(false, name);
                for (Event e = parser.next(); e != Event.END_ARRAY; e = parser.next()) {
                    value(e, cursor, null);
                }
                end();
            }
            default -> {
                if (cursor.keepsScalar()) {
                    copy(event, name);
                }
            }
        }
    }

    /** Copies a value unchanged. */
    private void copy(Event event, String name) {
        switch (event) {
            case START_OBJECT -> {
                start(true, name);
                for (Event e = parser.next(); e != Event.END_OBJECT; e = parser.next()) {
                    String member = parser.getString();
                    copy(parser.next(), member);
                }
                end();
            }
            case START_ARRAY -> {
                start(false, name);
                for (Event e = parser.next(); e != Event.END_ARRAY; e = parser.next()) {
                    copy(e, null);
                }
                end();
            }
            case VALUE_STRING -> {
                if (name == null) {
                    out.write(parser.getString());
                } else {
                    out.write(name, parser.getString());
                }
            }
            case VALUE_NUMBER -> {
                // Not getValue(): a parser over a built JsonObject (an aggregate's) does not implement it.
                if (name == null) {
                    out.write(parser.getBigDecimal());
                } else {
                    out.write(name, parser.getBigDecimal());
                }
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                if (name == null) {
                    out.write(event == Event.VALUE_TRUE);
                } else {
                    out.write(name, event == Event.VALUE_TRUE);
                }
            }
            default -> {
                if (name == null) {
                    out.writeNull();
                } else {
                    out.writeNull(name);
                }
            }
        }
    }

    private void start(boolean object, String name) {
        if (++depth > MAX_DEPTH) {
            throw new jakarta.json.stream.JsonParsingException("nested deeper than " + MAX_DEPTH, parser.getLocation());
        }
        if (object) {
            if (name == null) {
                out.writeStartObject();
            } else {
                out.writeStartObject(name);
            }
        } else if (name == null) {
            out.writeStartArray();
        } else {
            out.writeStartArray(name);
        }
    }

    private void end() {
        depth--;
        out.writeEnd();
    }

    private void skip(Event event) {
        if (event == Event.START_OBJECT) {
            parser.skipObject();
        } else if (event == Event.START_ARRAY) {
            parser.skipArray();
        }
    }
}

package dev.portico.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * A client's {@code ?fields=} mask in Google's partial-response syntax: {@code user(id,name),orders/id};
 * {@code a/b} is {@code b} inside {@code a}, {@code a(b,c)} is both inside {@code a}, {@code *} everything at
 * its level, and a backslash before {@code , / ( ) * \} makes it part of a name. Members inside arrays are
 * selected in each element.
 */
public final class FieldsMask {
    /** Longer masks, or deeper nesting, are refused: a mask names fields, it is not a document. */
    static final int MAX_LENGTH = 2048;
    static final int MAX_DEPTH = 32;

    private final String text;
    private int at;
    private int depth;

    private FieldsMask(String text) {
        this.text = text;
    }

    /**
     * The leaf paths the mask names ({@code user(id,name)} names {@code user.id} and {@code user.name}).
     *
     * @throws IllegalArgumentException naming where the mask is malformed
     */
    public static List<List<String>> parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the fields mask is longer than " + MAX_LENGTH + " characters");
        }
        FieldsMask parser = new FieldsMask(text);
        List<List<String>> paths = new ArrayList<>();
        parser.list(List.of(), paths);
        if (parser.at < text.length()) {
            throw parser.error("unexpected '" + text.charAt(parser.at) + "'");
        }
        return paths;
    }

    /** The selection of a parsed mask ({@code *} keeps everything at its level). */
    public static Selection selection(List<List<String>> paths) {
        List<List<String>> trimmed = new ArrayList<>();
        for (List<String> path : paths) {
            int star = path.indexOf("*");
            trimmed.add(star < 0 ? path : path.subList(0, star));
        }
        return Selection.of(trimmed);
    }

    private void list(List<String> prefix, List<List<String>> out) {
        do {
            item(prefix, out);
        } while (next(','));
    }

    private void item(List<String> prefix, List<List<String>> out) {
        List<String> path = new ArrayList<>(prefix);
        path.add(name());
        while (next('/')) {
            path.add(name());
        }
        if (next('(')) {
            if (++depth > MAX_DEPTH) {
                throw error("nested more than " + MAX_DEPTH + " deep");
            }
            list(path, out);
            depth--;
            if (!next(')')) {
                throw error(at < text.length() ? "unexpected '" + text.charAt(at) + "'" : "a '(' is not closed");
            }
        } else {
            out.add(List.copyOf(path));
        }
    }

    private String name() {
        StringBuilder name = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\\' && at + 1 < text.length()) {
                name.append(text.charAt(at + 1));
                at += 2;
            } else if (c == ',' || c == '/' || c == '(' || c == ')') {
                break;
            } else if (c <= ' ' || c == 0x7f) {
                throw error("a control character or space");
            } else {
                name.append(c);
                at++;
            }
        }
        if (name.isEmpty()) {
            throw error(at < text.length() ? "a field name is missing before '" + text.charAt(at) + "'" : "a field name is missing at the end");
        }
        return name.toString();
    }

    private boolean next(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("the fields mask is malformed at character " + (at + 1) + ": " + what);
    }
}

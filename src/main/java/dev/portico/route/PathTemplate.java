package dev.portico.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route path: literal segments and {@code {name}} parameters, e.g. {@code /api/v1/things/{id}},
 * optionally ending in {@code /**} to match any rest (kept, and forwarded after the backend path).
 * Matching works on the raw (still encoded) path, so what is forwarded is what the client sent.
 */
public final class PathTemplate {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()+,;=:@%-]+");

    private final String text;
    private final List<String> segments;
    private final boolean prefix;

    private PathTemplate(String text, List<String> segments, boolean prefix) {
        this.text = text;
        this.segments = segments;
        this.prefix = prefix;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static PathTemplate parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("'" + text + "' must start with '/'");
        }
        String body = text.substring(1);
        boolean prefix = body.equals("**") || body.endsWith("/**");
        if (prefix) {
            body = body.substring(0, Math.max(0, body.length() - 3));
        }
        List<String> segments = new ArrayList<>();
        for (String segment : body.isEmpty() ? new String[0] : body.split("/", -1)) {
            if (segment.isEmpty() || !(PARAM.matcher(segment).matches() || LITERAL.matcher(segment).matches())
                    || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'" + text + "' has an invalid segment '" + segment
                        + "' (use literals, {name}, and an optional trailing /**)");
            }
            segments.add(segment);
        }
        return new PathTemplate(text, List.copyOf(segments), prefix);
    }

    /** The parameter names, in order. */
    public List<String> params() {
        return segments.stream().filter(s -> s.startsWith("{")).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    public boolean prefix() {
        return prefix;
    }

    /** The match of a raw request path: its parameters and, for a prefix template, the rest ("" or "/…"). */
    public record Match(Map<String, String> params, String rest) {
    }

    public Optional<Match> match(String rawPath) {
        return match(segments(rawPath));
    }

    /** A raw path's segments, split once for matching against many templates. */
    public static String[] segments(String rawPath) {
        return rawPath.length() <= 1 ? new String[0] : rawPath.substring(1).split("/", -1);
    }

    public Optional<Match> match(String[] parts) {
        if (parts.length < segments.size() || (!prefix && parts.length != segments.size())) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        StringBuilder rest = new StringBuilder();
        for (int i = segments.size(); i < parts.length; i++) {
            rest.append('/').append(parts[i]);
        }
        return Optional.of(new Match(params, rest.toString()));
    }

    /** This template with parameters filled in, then the rest appended (a backend path). */
    public String expand(Map<String, String> params, String rest) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            out.append('/');
            out.append(segment.startsWith("{") ? params.get(segment.substring(1, segment.length() - 1)) : segment);
        }
        out.append(rest);
        return out.length() == 0 ? "/" : out.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.portico.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /** Per segment: the parameter's name, or null for a literal (matching allocates nothing on a mismatch). */
    private final String[] paramNames;
    private final int paramCount;

    private PathTemplate(String text, List<String> segments, boolean prefix) {
        this.text = text;
        this.segments = segments;
        this.prefix = prefix;
        this.paramNames = segments.stream().map(s -> s.startsWith("{") ? s.substring(1, s.length() - 1) : null)
                .toArray(String[]::new);
        this.paramCount = (int) Arrays.stream(paramNames).filter(Objects::nonNull).count();
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
        int length = rawPath.length();
        if (length <= 1) {
            return new String[0];
        }
        int count = 1;
        for (int i = 1; i < length; i++) {
            count += rawPath.charAt(i) == '/' ? 1 : 0;
        }
        String[] parts = new String[count];
        for (int i = 1, start = 1, k = 0; i <= length; i++) {
            if (i == length || rawPath.charAt(i) == '/') {
                parts[k++] = rawPath.substring(start, i);
                start = i + 1;
            }
        }
        return parts;
    }

    public Optional<Match> match(String[] parts) {
        int count = paramNames.length;
        if (parts.length < count || (!prefix && parts.length != count)) {
            return Optional.empty();
        }
        for (int i = 0; i < count; i++) {
            if (paramNames[i] == null ? !segments.get(i).equals(parts[i]) : parts[i].isEmpty()) {
                return Optional.empty();
            }
        }
        Map<String, String> values = paramCount == 0 ? Map.of() : new LinkedHashMap<>();
        for (int i = 0; paramCount > 0 && i < count; i++) {
            if (paramNames[i] != null) {
                values.put(paramNames[i], parts[i]);
            }
        }
        String rest = "";
        if (parts.length > count) {
            StringBuilder more = new StringBuilder();
            for (int i = count; i < parts.length; i++) {
                more.append('/').append(parts[i]);
            }
            rest = more.toString();
        }
        return Optional.of(new Match(values, rest));
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

package dev.portico.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses byte sizes used in configuration: {@code 512}, {@code 64KiB}, {@code 10MiB}, {@code 1GiB}. */
public final class Sizes {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})\\s*(B|KiB|MiB|GiB)?");

    private Sizes() {
    }

    public static long parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (use e.g. 512, 64KiB, 10MiB)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        return switch (unit) {
            case "KiB" -> n << 10;
            case "MiB" -> n << 20;
            case "GiB" -> n << 30;
            default -> n;
        };
    }
}

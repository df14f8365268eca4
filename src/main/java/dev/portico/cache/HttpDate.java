package dev.portico.cache;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** HTTP dates (RFC 9110 §5.6.7): IMF-fixdate written, and the two obsolete forms also read. */
public final class HttpDate {
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final List<DateTimeFormatter> READ = List.of(IMF,
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));

    private HttpDate() {
    }

    /** Seconds since the epoch, or null when the value is not a valid HTTP date. */
    public static Long parse(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        for (DateTimeFormatter format : READ) {
            try {
                return LocalDateTime.parse(text, format).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return null;
    }

    public static String format(long epochSeconds) {
        return IMF.format(Instant.ofEpochSecond(epochSeconds));
    }
}

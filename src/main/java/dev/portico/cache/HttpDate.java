package dev.portico.cache;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/** HTTP dates (RFC 9110 §5.6.7): IMF-fixdate written, and the two obsolete forms also read. */
public final class HttpDate {
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    /** Read in any case (RFC 9110 §5.6.7); the weekday is not checked. */
    private static final DateTimeFormatter IMF_READ = lenient("dd MMM yyyy HH:mm:ss 'GMT'");
    /** RFC 850, its two-digit year read from 1970 on. */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("dd-MMM-").appendValueReduced(ChronoField.YEAR, 2, 2, 1970).appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME = lenient("MMM ppd HH:mm:ss yyyy");

    private static DateTimeFormatter lenient(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.US);
    }

    private HttpDate() {
    }

    /** Seconds since the epoch, or null when the value is not a valid HTTP date (a stray space or comma included). */
    public static Long parse(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        int comma = text.indexOf(", ");
        try {
            if (comma > 0) {
                String date = text.substring(comma + 2);
                DateTimeFormatter format = date.indexOf('-') > 0 ? RFC_850 : IMF_READ;
                return LocalDateTime.parse(date, format).toEpochSecond(ZoneOffset.UTC);
            }
            int space = text.indexOf(' ');
            if (space == 3 && text.indexOf(',') < 0) {
                return LocalDateTime.parse(text.substring(4), ASCTIME).toEpochSecond(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            // not a date
        }
        return null;
    }

    public static String format(long epochSeconds) {
        return IMF.format(Instant.ofEpochSecond(epochSeconds));
    }
}

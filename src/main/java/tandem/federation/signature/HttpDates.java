package tandem.federation.signature;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP dates (IMF-fixdate, always GMT) as the {@code Date} header carries them. */
public final class HttpDates {
    /** Two-digit day: DateTimeFormatter.RFC_1123_DATE_TIME writes "3 Jun", which HTTP does not allow. */
    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {}

    static String format(Instant instant) {
        return WRITE.format(instant);
    }

    /** Parses a Date header; reading is lenient about the day's width, as RFC_1123_DATE_TIME is. */
    static Instant parse(String value) {
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip(), Instant::from);
        } catch (DateTimeParseException e) {
            throw new SignatureException("Date header is not an HTTP date", e);
        }
    }
}

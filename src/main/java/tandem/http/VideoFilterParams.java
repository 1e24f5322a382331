package tandem.http;

import io.helidon.webserver.http.ServerRequest;
import tandem.core.Problem;
import tandem.video.VideoFilters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * PeerTube's date, duration and language filters of the video lists and search, read from the query
 * string: `startDate`, `endDate`, `originallyPublishedStartDate`, `originallyPublishedEndDate` (ISO 8601
 * instants, or plain dates: a start date from its first moment, an end date to its last, in UTC),
 * `durationMin`, `durationMax` (seconds) and `languageOneOf`. Bad values are a 400 that names the field.
 */
final class VideoFilterParams {
    private VideoFilterParams() {}

    static VideoFilters parse(ServerRequest req) {
        Integer min = seconds(req, "durationMin");
        Integer max = seconds(req, "durationMax");
        if (min != null && max != null && min > max) throw Problem.invalidParam("durationMax", "Should be at least durationMin");
        return new VideoFilters(date(req, "startDate", false), date(req, "endDate", true),
                date(req, "originallyPublishedStartDate", false), date(req, "originallyPublishedEndDate", true),
                min, max, Params.list(req, "languageOneOf"));
    }

    /**
     * PeerTube's `searchTarget`: `local` (this instance's database) or `search-index`; with no search
     * index configured here, both search what this instance knows.
     */
    static void checkSearchTarget(ServerRequest req) {
        String target = Params.get(req, "searchTarget");
        if (target != null && !target.isBlank() && !target.equals("local") && !target.equals("search-index")) {
            throw Problem.invalidParam("searchTarget", "Should have a valid searchTarget: local or search-index");
        }
    }

    private static Long date(ServerRequest req, String name, boolean endOfDay) {
        String text = Params.get(req, name);
        if (text == null || text.isBlank()) return null;
        String s = text.strip();
        try {
            if (s.length() == 10) {
                LocalDate day = LocalDate.parse(s);
                Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                return endOfDay ? start.toEpochMilli() + 86_400_000L - 1 : start.toEpochMilli();
            }
            try {
                return Instant.parse(s).toEpochMilli();
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            throw Problem.invalidParam(name, "Should have a valid " + name + " date (ISO 8601)");
        }
    }

    private static Integer seconds(ServerRequest req, String name) {
        String text = Params.get(req, name);
        if (text == null || text.isBlank()) return null;
        try {
            int n = Integer.parseInt(text.strip());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw Problem.invalidParam(name, "Should have a valid " + name + " (a number of seconds, 0 or more)");
        }
    }
}

package tandem.federation.vocab;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes Tandem's `UsageReport` and `UsageStatement` activities, refusing what no honest sender
 * writes (an hour that is not the start of one, a figure that is not a whole number of bytes between
 * 0 and 10 TB, a video named twice) with a precise reason. Whether the figures are believable is the
 * receiver's judgement, with its own data.
 */
public final class AsToUsage {
    private AsToUsage() {}

    static Activity.UsageReport report(String id, String actor, JsonNode a) {
        Instant hour = hour(a);
        List<Usage.Claim> claims = new ArrayList<>();
        for (JsonNode line : lines(a, "UsageReport")) {
            claims.add(new Usage.Claim(video(line), bytes(line, "bytes", true), bytes(line, "heldBytes", false)));
        }
        unique(claims.stream().map(Usage.Claim::video).toList());
        return new Activity.UsageReport(id, actor, hour, List.copyOf(claims));
    }

    static Activity.UsageStatement statement(String id, String actor, JsonNode a) {
        Instant hour = hour(a);
        String report = AsToActivity.idOf(a.path("inReplyTo"));
        if (report == null) throw new FederationException("Incorrect UsageStatement: inReplyTo must name the UsageReport it answers");
        List<Usage.Answer> answers = new ArrayList<>();
        for (JsonNode line : lines(a, "UsageStatement")) {
            JsonNode flag = line.path("flag");
            if (!flag.isMissingNode() && !flag.isNull() && !flag.isTextual()) throw new FederationException("Incorrect UsageStatement: flag must be a string or null");
            answers.add(new Usage.Answer(video(line), bytes(line, "bytes", true), bytes(line, "heldBytes", false), bytes(line, "originBytes", true),
                    flag.isTextual() ? Texts.truncate(Texts.clean(flag.asText()), 500) : null));
        }
        unique(answers.stream().map(Usage.Answer::video).toList());
        return new Activity.UsageStatement(id, actor, hour, report, List.copyOf(answers));
    }

    private static Instant hour(JsonNode a) {
        String type = a.path("type").asText();
        Instant hour;
        try {
            hour = Instant.parse(a.path("hour").asText(""));
        } catch (DateTimeParseException e) {
            throw new FederationException("Incorrect " + type + ": hour must be an ISO-8601 UTC time such as 2026-12-07T13:00:00Z");
        }
        if (!hour.truncatedTo(ChronoUnit.HOURS).equals(hour)) throw new FederationException("Incorrect " + type + ": hour " + hour + " is not the start of an hour");
        return hour;
    }

    private static JsonNode lines(JsonNode a, String type) {
        JsonNode usage = a.path("usage");
        if (!usage.isArray() || usage.isEmpty()) throw new FederationException("Incorrect " + type + ": usage must be a non-empty array");
        if (usage.size() > Usage.MAX_LINES) throw new FederationException("Incorrect " + type + ": usage names more than " + Usage.MAX_LINES + " videos");
        for (JsonNode line : usage) if (!line.isObject()) throw new FederationException("Incorrect " + type + ": each usage line must be an object");
        return usage;
    }

    private static String video(JsonNode line) {
        String video = AsToActivity.idOf(line.path("video"));
        if (video == null) throw new FederationException("Incorrect usage line: video must be the URL of a video");
        return video;
    }

    /** A whole number of bytes in [0, 10 TB]: `12.5`, `-1`, `"12"` or `1e14` are refused. */
    private static long bytes(JsonNode line, String field, boolean required) {
        JsonNode v = line.path(field);
        if (v.isMissingNode() && !required) return 0;
        String at = "usage line of " + line.path("video").asText("?") + ": " + field;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new FederationException("Incorrect " + at + " must be a whole number of bytes, got " + v);
        long n = v.asLong();
        if (n < 0) throw new FederationException("Incorrect " + at + " is negative (" + n + ")");
        if (n > Usage.MAX_BYTES_PER_HOUR) throw new FederationException("Absurd " + at + " (" + n + "): more than 10 TB in one hour");
        return n;
    }

    private static void unique(List<String> videos) {
        Set<String> seen = new HashSet<>();
        for (String v : videos) if (!seen.add(v)) throw new FederationException("Incorrect usage: video " + v + " is named twice");
    }
}

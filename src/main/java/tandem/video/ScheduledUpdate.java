package tandem.video;

import tandem.core.Problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * PeerTube's `scheduleUpdate`: at `updateAt` (epoch milliseconds) the video takes `privacy`, public or
 * unlisted, and is published as any other video.
 */
public record ScheduledUpdate(long updateAt, VideoPrivacy privacy) {

    /**
     * Reads `scheduleUpdate[updateAt]` (ISO 8601) and `scheduleUpdate[privacy]` (1 or 2, public when absent);
     * empty when the request has none. The time must be after `now`.
     */
    public static Optional<ScheduledUpdate> parse(Fields f, long now) {
        String at = f.get("scheduleUpdate[updateAt]");
        if (at == null || at.isBlank() || "null".equals(at)) return Optional.empty();
        long updateAt;
        try {
            updateAt = Instant.parse(at.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw Problem.invalidParam("scheduleUpdate.updateAt", "Should have a valid schedule update date (ISO 8601)");
        }
        if (updateAt <= now) throw Problem.invalidParam("scheduleUpdate.updateAt", "Should have a schedule update date in the future");
        String p = f.get("scheduleUpdate[privacy]");
        VideoPrivacy privacy = VideoPrivacy.PUBLIC;
        if (p != null && !p.isBlank() && !"null".equals(p)) {
            VideoPrivacy parsed = p.trim().matches("\\d{1,2}") ? VideoPrivacy.byId(Integer.parseInt(p.trim())) : null;
            if (parsed != VideoPrivacy.PUBLIC && parsed != VideoPrivacy.UNLISTED) {
                throw Problem.invalidParam("scheduleUpdate.privacy", "Should have a schedule privacy of 1 (public) or 2 (unlisted)");
            }
            privacy = parsed;
        }
        return Optional.of(new ScheduledUpdate(updateAt, privacy));
    }
}

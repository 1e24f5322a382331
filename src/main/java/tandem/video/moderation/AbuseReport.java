package tandem.video.moderation;

import java.util.List;

/**
 * What a user reports, as PeerTube's `POST /abuses` body: exactly one of a video (id or uuid, with an
 * optional span in seconds), a comment or an account, with a reason and predefined reasons.
 */
public record AbuseReport(String reason, List<String> predefinedReasons, String videoId, Integer startAt, Integer endAt, Long commentId,
                          Long accountId) {
    /** PeerTube's predefined reasons, in its order. */
    public static final List<String> PREDEFINED = List.of("violentOrAbusive", "hatefulOrAbusive", "spamOrMisleading", "privacy", "rights",
            "serverRules", "thumbnails", "captions");
    public static final int MIN_REASON = 2;
    public static final int MAX_REASON = 3000;
}

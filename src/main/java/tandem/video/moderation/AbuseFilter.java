package tandem.video.moderation;

/**
 * What narrows a list of reports, as PeerTube's `GET /abuses` query names it; null means "any".
 * `kind` is PeerTube's `filter` (video, comment or account), `videoIs` is `deleted` or `blacklisted`,
 * the `search…` texts match names (and the reason for `search`) case-insensitively, anywhere in them.
 * `reporterAccountId` restricts the list to one reporter's own reports (`/users/me/abuses`).
 */
public record AbuseFilter(Long id, AbuseState state, String kind, String predefinedReason, String videoIs, String search, String searchReporter,
                          String searchReportee, String searchVideo, String searchVideoChannel, Long reporterAccountId) {
    /** No filter at all. */
    public static final AbuseFilter ALL = new AbuseFilter(null, null, null, null, null, null, null, null, null, null, null);

    /** This filter restricted to one reporter's reports. */
    public AbuseFilter reportedBy(long accountId) {
        return new AbuseFilter(id, state, kind, predefinedReason, videoIs, search, searchReporter, searchReportee, searchVideo, searchVideoChannel,
                accountId);
    }
}

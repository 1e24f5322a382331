package tandem.video;

import tandem.core.PageRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A video list request: PeerTube's filters plus scoping. `ownerAccountId` lists one account's
 * videos in every state and privacy (their "my videos"); otherwise only published public ones, less blocked videos and
 * (for `viewerAccountId`) what that viewer muted.
 */
public record VideoQuery(PageRequest page, Boolean isLocal, Boolean nsfw, List<Integer> categoryOneOf,
                         List<String> tagsOneOf, String search, Long channelId, Long accountId, Long ownerAccountId,
                         Long subscriberAccountId, Long viewerAccountId, VideoFilters filters) {

    /** Without a signed-in viewer: no one's mutes apply. */
    public VideoQuery(PageRequest page, Boolean isLocal, Boolean nsfw, List<Integer> categoryOneOf, List<String> tagsOneOf,
                      String search, Long channelId, Long accountId, Long ownerAccountId, Long subscriberAccountId) {
        this(page, isLocal, nsfw, categoryOneOf, tagsOneOf, search, channelId, accountId, ownerAccountId, subscriberAccountId, null, VideoFilters.NONE);
    }

    public VideoQuery {
        if (filters == null) filters = VideoFilters.NONE;
    }

    /** The common case: no subscription scope, no date, duration or language filter. */
    public VideoQuery(PageRequest page, Boolean isLocal, Boolean nsfw, List<Integer> categoryOneOf, List<String> tagsOneOf,
                      String search, Long channelId, Long accountId, Long ownerAccountId) {
        this(page, isLocal, nsfw, categoryOneOf, tagsOneOf, search, channelId, accountId, ownerAccountId, null, null, VideoFilters.NONE);
    }

    public VideoQuery subscribedBy(long accountId) {
        return new VideoQuery(page, isLocal, nsfw, categoryOneOf, tagsOneOf, search, channelId, this.accountId, ownerAccountId, accountId,
                viewerAccountId, filters);
    }

    /** The same list as this signed-in account sees it: without the accounts and servers it muted. */
    public VideoQuery seenBy(long viewer) {
        return new VideoQuery(page, isLocal, nsfw, categoryOneOf, tagsOneOf, search, channelId, accountId, ownerAccountId, subscriberAccountId, viewer, filters);
    }

    /** The same list narrowed by dates, durations or languages. */
    public VideoQuery filteredBy(VideoFilters f) {
        return new VideoQuery(page, isLocal, nsfw, categoryOneOf, tagsOneOf, search, channelId, accountId, ownerAccountId, subscriberAccountId, viewerAccountId, f);
    }

    /**
     * The days the trending sorts (`trending`, `hot`) add views over, today included: PeerTube's
     * `trending.videos.intervalDays`, which `/api/v1/config` announces.
     */
    public static final int TRENDING_DAYS = 7;

    public static final Set<String> SORTABLE = Set.of("name", "duration", "createdAt", "publishedAt",
            "originallyPublishedAt", "views", "likes", "trending", "hot", "best", "match");

    /** SQL column for a PeerTube sort field; the trending sorts are the recent views (see {@link VideoListing}). */
    static final Map<String, String> SORT_COLUMNS = Map.ofEntries(
            Map.entry("name", "v.name"), Map.entry("duration", "v.duration"), Map.entry("createdAt", "v.created_at"),
            Map.entry("publishedAt", "v.published_at"), Map.entry("originallyPublishedAt", "v.originally_published_at"),
            Map.entry("views", "v.views"), Map.entry("likes", "v.likes"),
            Map.entry("best", "v.likes"), Map.entry("match", "v.published_at"));
}

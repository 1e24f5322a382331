package tandem.video;

import tandem.core.PageRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A video list request: PeerTube's filters plus scoping. `ownerAccountId` lists one account's
 * videos in every state and privacy (their "my videos"); otherwise only published public ones.
 */
public record VideoQuery(PageRequest page, Boolean isLocal, Boolean nsfw, List<Integer> categoryOneOf,
                         List<String> tagsOneOf, String search, Long channelId, Long accountId, Long ownerAccountId,
                         Long subscriberAccountId) {

    /** The common case: no subscription scope. */
    public VideoQuery(PageRequest page, Boolean isLocal, Boolean nsfw, List<Integer> categoryOneOf, List<String> tagsOneOf,
                      String search, Long channelId, Long accountId, Long ownerAccountId) {
        this(page, isLocal, nsfw, categoryOneOf, tagsOneOf, search, channelId, accountId, ownerAccountId, null);
    }

    public VideoQuery subscribedBy(long accountId) {
        return new VideoQuery(page, isLocal, nsfw, categoryOneOf, tagsOneOf, search, channelId, this.accountId, ownerAccountId, accountId);
    }

    public static final Set<String> SORTABLE = Set.of("name", "duration", "createdAt", "publishedAt",
            "originallyPublishedAt", "views", "likes", "trending", "hot", "best", "match");

    /** SQL column for a PeerTube sort field; popularity sorts fall back to views. */
    static final Map<String, String> SORT_COLUMNS = Map.ofEntries(
            Map.entry("name", "v.name"), Map.entry("duration", "v.duration"), Map.entry("createdAt", "v.created_at"),
            Map.entry("publishedAt", "v.published_at"), Map.entry("originallyPublishedAt", "v.originally_published_at"),
            Map.entry("views", "v.views"), Map.entry("likes", "v.likes"), Map.entry("trending", "v.views"),
            Map.entry("hot", "v.views"), Map.entry("best", "v.likes"), Map.entry("match", "v.published_at"));
}

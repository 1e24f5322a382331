package tandem.video;

import org.jdbi.v3.core.Handle;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.Problem;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Users' notifications, at PeerTube's type numbers: a new video on a channel they subscribe to (ours
 * or a remote one), a comment on their video, a reply to their comment or a mention of them
 * (`@name`, or `@name@our-host`). Created inside the transaction that stored the video or comment,
 * so a rolled-back change notifies nobody; each respects the user's setting (PeerTube's bit field,
 * 1 = web).
 */
public final class Notifications {
    public static final int NEW_VIDEO_FROM_SUBSCRIPTION = 1;
    public static final int NEW_COMMENT_ON_MY_VIDEO = 2;
    public static final int COMMENT_MENTION = 11;
    public static final int ABUSE_NEW_MESSAGE = 16;
    /** PeerTube's settings names with their defaults (1 web, 2 e-mail; we only deliver on the web). */
    public static final Map<String, Integer> DEFAULT_SETTINGS = defaults();
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@])@([A-Za-z0-9_.-]+)(?:@([A-Za-z0-9.-]+(?::\\d+)?))?");

    private final NotificationStore store;
    private final Clock clock;
    private final String localHost;

    public Notifications(NotificationStore store, Clock clock, String localHost) {
        this.store = store;
        this.clock = clock;
        this.localHost = localHost;
    }

    private static Map<String, Integer> defaults() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String name : List.of("newVideoFromSubscription", "newCommentOnMyVideo", "abuseAsModerator", "videoAutoBlacklistAsModerator",
                "blacklistOnMyVideo", "myVideoPublished", "myVideoImportFinished", "newUserRegistration", "newFollow", "commentMention",
                "newInstanceFollower", "autoInstanceFollowing", "abuseStateChange", "abuseNewMessage", "newPeerTubeVersion", "newPluginVersion",
                "myVideoStudioEditionFinished", "myVideoTranscriptionGenerated")) {
            m.put(name, 1);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static String settingOf(int type) {
        return switch (type) {
            case NEW_VIDEO_FROM_SUBSCRIPTION -> "newVideoFromSubscription";
            case NEW_COMMENT_ON_MY_VIDEO -> "newCommentOnMyVideo";
            case ABUSE_NEW_MESSAGE -> "abuseNewMessage";
            default -> "commentMention";
        };
    }

    private void notify(Handle h, long userId, int type, Long videoId, Long commentId, Long accountId) {
        notify(h, userId, type, videoId, commentId, accountId, null);
    }

    private void notify(Handle h, long userId, int type, Long videoId, Long commentId, Long accountId, Long abuseId) {
        if ((store.setting(h, userId, settingOf(type), 1) & 1) == 0) return;
        store.insert(h, userId, type, videoId, commentId, accountId, abuseId, clock.millis());
    }

    /**
     * A message was written about a report: a moderator's goes to the reporter (`reporterUserId`), the
     * reporter's (`reporterUserId` null) to every moderator and administrator but its author, as on PeerTube.
     */
    public void abuseMessage(Handle h, long abuseId, long authorAccountId, Long reporterUserId) {
        List<Long> to = reporterUserId != null ? List.of(reporterUserId) : store.moderatorsBut(h, authorAccountId);
        for (long userId : to) notify(h, userId, ABUSE_NEW_MESSAGE, null, null, authorAccountId, abuseId);
    }

    /**
     * A public video appeared on a channel (ours published, or a remote one arrived): its subscribers hear of
     * it once, except those who muted its account or server (their lists hide it), and nobody when the instance did.
     */
    public void videoPublished(Handle h, long videoId) {
        if (!store.isPublic(h, videoId)) return;
        for (long userId : store.subscribersToNotify(h, videoId, NEW_VIDEO_FROM_SUBSCRIPTION)) {
            notify(h, userId, NEW_VIDEO_FROM_SUBSCRIPTION, videoId, null, null);
        }
    }

    /**
     * A comment was stored (ours or a remote one): the author of the comment it answers and the local
     * users it mentions get a mention, the video's owner a new-comment notification; nobody hears of
     * their own comment, and a comment held for review notifies nobody yet.
     */
    public void commented(Handle h, long commentId) {
        Optional<NotificationStore.CommentFacts> found = store.commentFacts(h, commentId);
        if (found.isEmpty() || found.get().held()) return;
        NotificationStore.CommentFacts c = found.get();
        Set<Long> mentioned = new LinkedHashSet<>();
        if (c.parentAuthorUserId() != null) mentioned.add(c.parentAuthorUserId());
        for (String name : mentionedLocalNames(c.text(), c.authorUserId() != null)) store.localUser(h, name).ifPresent(mentioned::add);
        if (c.authorUserId() != null) mentioned.remove(c.authorUserId());
        Long owner = c.videoOwnerUserId();
        boolean ownerHears = owner != null && !owner.equals(c.authorUserId()) && !mentioned.contains(owner);
        // Whoever muted the author (or their server), or everyone when the instance did, hears nothing, as on PeerTube.
        Set<Long> recipients = new LinkedHashSet<>(mentioned);
        if (ownerHears) recipients.add(owner);
        Set<Long> muting = store.muting(h, c.authorAccountId(), recipients);
        for (long userId : mentioned) {
            if (!muting.contains(userId)) notify(h, userId, COMMENT_MENTION, c.videoId(), c.id(), c.authorAccountId());
        }
        if (ownerHears && !muting.contains(owner)) notify(h, owner, NEW_COMMENT_ON_MY_VIDEO, c.videoId(), c.id(), c.authorAccountId());
    }

    /**
     * The local account names a text mentions: `@name@our-host` always, a bare `@name` only when the
     * writer is local (a remote writer's bare name means someone on their server).
     */
    List<String> mentionedLocalNames(String text, boolean writerIsLocal) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = MENTION.matcher(text == null ? "" : text);
        while (m.find()) {
            String name = m.group(1).replaceAll("[.-]+$", "");
            String host = m.group(2);
            if (host == null ? writerIsLocal : host.replaceAll("\\.$", "").equalsIgnoreCase(localHost)) names.add(name);
        }
        return List.copyOf(names);
    }

    public Page<Notification> list(User user, boolean unreadOnly, int start, int count) {
        return new Page<>(store.count(user.id(), unreadOnly), store.list(user.id(), unreadOnly, start, count));
    }

    public void markRead(User user, List<Long> ids) {
        if (ids.size() > 100) throw Problem.invalidParam("ids", "Should have at most 100 ids");
        store.markRead(user.id(), ids);
    }

    public void markAllRead(User user) {
        store.markAllRead(user.id());
    }

    /** PeerTube's settings object: every name, with the user's value or its default. */
    public Map<String, Integer> settings(User user) {
        Map<String, Integer> out = new LinkedHashMap<>(DEFAULT_SETTINGS);
        out.putAll(store.settings(user.id()));
        return out;
    }

    /** Changes the settings given; an unknown name or a value outside 0–3 is refused with its name. */
    public void updateSettings(User user, Map<String, Object> values) {
        Map<String, Integer> clean = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (!DEFAULT_SETTINGS.containsKey(name)) throw Problem.invalidParam(name, "Is not a notification setting");
            if (!(value instanceof Integer i) || i < 0 || i > 3) throw Problem.invalidParam(name, "Should be 0 (none), 1 (web), 2 (e-mail) or 3 (both)");
            clean.put(name, i);
        });
        store.putSettings(user.id(), clean);
    }
}

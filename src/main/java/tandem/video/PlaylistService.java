package tandem.video;

import tandem.account.AccountService;
import tandem.account.Channel;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.core.ShortUuid;
import tandem.db.Transactions;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Playlists: create, edit, delete, add videos, move ranges of elements, list — owner-only writes. */
public final class PlaylistService {
    private final Transactions transactions;
    private final PlaylistStore store;
    private final AccountService accounts;
    private final VideoService videos;
    private final Clock clock;

    public PlaylistService(Transactions transactions, PlaylistStore store, AccountService accounts, VideoService videos, Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.accounts = accounts;
        this.videos = videos;
        this.clock = clock;
    }

    /** Validated fields of a create or an update (null = unchanged on update). */
    public record Fields(String displayName, String description, Integer privacy, Long channelId) {}

    public Playlist create(User user, Fields f) {
        if (f.displayName() == null || f.displayName().isBlank() || f.displayName().length() > 120) {
            throw Problem.invalidParam("displayName", "Should have a display name between 1 and 120 characters long");
        }
        int privacy = f.privacy() == null ? Playlist.PRIVATE : checkPrivacy(f.privacy());
        Long channel = checkChannel(user, f.channelId());
        if (privacy == Playlist.PUBLIC && channel == null) throw Problem.invalidParam("videoChannelId", "A public playlist needs a channel");
        String uuid = UUID.randomUUID().toString();
        long now = clock.millis();
        long id = store.insert(uuid, user.accountId(), channel, f.displayName(), f.description(), privacy, now);
        return load(id).orElseThrow();
    }

    public void update(User user, String id, Fields f) {
        Playlist p = owned(user, id);
        String name = f.displayName() == null ? p.displayName() : f.displayName();
        if (name.isBlank() || name.length() > 120) throw Problem.invalidParam("displayName", "Should have a display name between 1 and 120 characters long");
        int privacy = f.privacy() == null ? p.privacy() : checkPrivacy(f.privacy());
        Long channel = f.channelId() == null ? (p.channel() == null ? null : p.channel().id()) : checkChannel(user, f.channelId());
        if (privacy == Playlist.PUBLIC && channel == null) throw Problem.invalidParam("videoChannelId", "A public playlist needs a channel");
        store.update(p.id(), name, f.description() == null ? p.description() : f.description(), privacy, channel, clock.millis());
    }

    public void delete(User user, String id) {
        Playlist p = owned(user, id);
        if (p.type() == Playlist.WATCH_LATER) throw Problem.badRequest("Cannot delete a watch later playlist.");
        store.delete(p.id());
    }

    public long addVideo(User user, String id, String videoId, Integer start, Integer stop) {
        Playlist p = owned(user, id);
        Video v = videos.visible(Optional.of(user), videoId);
        if (start != null && start < 0 || stop != null && stop < 0) throw Problem.invalidParam("startTimestamp", "Should have valid timestamps");
        return transactions.inTransaction(h -> {
            long el = store.append(h, p.id(), v.id(), start, stop, clock.millis());
            store.touch(h, p.id(), clock.millis());
            return el;
        });
    }

    public void removeElement(User user, String id, long elementId) {
        Playlist p = owned(user, id);
        transactions.useTransaction(h -> {
            Optional<Integer> pos = store.position(h, p.id(), elementId);
            if (pos.isEmpty()) throw Problem.notFound("Playlist element " + elementId + " not found");
            store.deleteElement(h, p.id(), elementId, pos.get());
            store.touch(h, p.id(), clock.millis());
        });
    }

    /**
     * PeerTube's reorder: move `length` elements starting at `start` to just after position
     * `insertAfter` (0 = to the front). Positions are renumbered 1..n in one transaction.
     */
    public void reorder(User user, String id, int start, int insertAfter, int length) {
        Playlist p = owned(user, id);
        transactions.useTransaction(h -> {
            List<Long> ids = store.elementIds(h, p.id());
            int n = ids.size();
            if (start < 1 || length < 1 || start + length - 1 > n || insertAfter < 0 || insertAfter > n
                    || insertAfter >= start - 1 && insertAfter < start + length - 1) {
                throw Problem.invalidParam("startPosition", "Should have valid positions (1 to " + n + ")");
            }
            List<Long> moved = new java.util.ArrayList<>(ids.subList(start - 1, start - 1 + length));
            List<Long> rest = new java.util.ArrayList<>(ids);
            rest.removeAll(moved);
            int at = insertAfter <= start - 1 ? insertAfter : insertAfter - length;
            rest.addAll(at, moved);
            store.renumber(h, rest);
            store.touch(h, p.id(), clock.millis());
        });
    }

    public Page<PlaylistElement> elements(Optional<User> viewer, String id, int start, int count) {
        Playlist p = visible(viewer, id);
        List<PlaylistElement> out = store.elements(p.id(), viewer.map(User::accountId).orElse(null), start, count).stream().map(r -> {
            Video v = r.unavailable() ? null : videos.find(String.valueOf(r.videoId())).orElse(null);
            // Private videos of others stay hidden, as PeerTube shows them: an element without its video.
            Video shown = v == null || v.privacy() == VideoPrivacy.PRIVATE && !videos.canManage(viewer, v) ? null : v;
            return new PlaylistElement(r.id(), r.position(), r.startTimestamp(), r.stopTimestamp(), shown);
        }).toList();
        return new Page<>(p.videosLength(), out);
    }

    /**
     * The user's private "Watch later" playlist (PeerTube's type 2), made the first time their own
     * playlists are asked for: every account has one, as on PeerTube, without the account package
     * knowing playlists.
     */
    public Playlist watchLater(User user) {
        long id = store.watchLater(user.accountId()).orElseGet(() -> transactions.inTransaction(h -> store.watchLater(user.accountId())
                .orElseGet(() -> store.insert(UUID.randomUUID().toString(), user.accountId(), null, "Watch later", null, Playlist.PRIVATE,
                        Playlist.WATCH_LATER, clock.millis()))));
        return load(id).orElseThrow();
    }

    /** Which of these videos the user's playlists hold, and where (PeerTube's videos-exist). */
    public List<PlaylistStore.Holding> holding(User user, List<Long> videoIds) {
        if (videoIds.size() > 100) throw Problem.invalidParam("videoIds", "Should have at most 100 video ids");
        return store.holding(user.accountId(), videoIds);
    }

    /** Public playlists for lists; an account's own lists include all of theirs. */
    public Page<Playlist> list(Long accountId, Long channelId, boolean includePrivate, int start, int count) {
        Page<Long> ids = store.ids(accountId, channelId, includePrivate, start, count);
        return new Page<>(ids.total(), ids.data().stream().map(this::load).flatMap(Optional::stream).toList());
    }

    public Playlist visible(Optional<User> viewer, String id) {
        Playlist p = find(id).orElseThrow(() -> Problem.notFound("Video playlist not found"));
        if (p.privacy() == Playlist.PRIVATE && (viewer.isEmpty() || viewer.get().accountId() != p.owner().id())) {
            throw Problem.forbidden("Cannot get this private video playlist.");
        }
        return p;
    }

    private Playlist owned(User user, String id) {
        Playlist p = find(id).orElseThrow(() -> Problem.notFound("Video playlist not found"));
        if (p.owner().id() != user.accountId()) throw Problem.forbidden("Cannot manage video playlist of another user");
        return p;
    }

    private Optional<Playlist> find(String id) {
        if (id == null) return Optional.empty();
        if (id.matches("^\\d{1,18}$")) return load(Long.parseLong(id));
        String uuid = id;
        if (id.length() == ShortUuid.LENGTH) {
            UUID u = ShortUuid.decode(id);
            if (u == null) return Optional.empty();
            uuid = u.toString();
        }
        return store.idByUuid(uuid).flatMap(this::load);
    }

    private Optional<Playlist> load(long id) {
        return store.byId(id).map(r -> new Playlist(r.id(), r.uuid(), r.displayName(), r.description(), r.privacy(),
                accounts.account(r.accountId()).orElseThrow(), r.channelId() == null ? null : accounts.channel(r.channelId()).orElse(null),
                r.createdAt(), r.updatedAt(), r.videosLength(), r.type()));
    }

    private static int checkPrivacy(int privacy) {
        if (privacy < 1 || privacy > 3) throw Problem.invalidParam("privacy", "Should have a valid playlist privacy (1, 2 or 3)");
        return privacy;
    }

    private Long checkChannel(User user, Long channelId) {
        if (channelId == null) return null;
        Channel c = accounts.channel(channelId).orElseThrow(() -> Problem.invalidParam("videoChannelId", "Unknown video channel"));
        if (c.account().id() != user.accountId()) throw Problem.forbidden("Cannot use a video channel of another user");
        return c.id();
    }
}

package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tandem.account.AccountService;
import tandem.account.Channel;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.core.ShortUuid;
import tandem.db.Rows;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Playlists: create, edit, delete, add videos, move ranges of elements, list — owner-only writes. */
public final class PlaylistService {
    private final Jdbi jdbi;
    private final AccountService accounts;
    private final VideoService videos;
    private final Clock clock;

    public PlaylistService(Jdbi jdbi, AccountService accounts, VideoService videos, Clock clock) {
        this.jdbi = jdbi;
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
        long id = jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO playlists (uuid, account_id, channel_id, display_name, description, privacy, created_at, updated_at)
                VALUES (:u, :a, :c, :n, :d, :p, :now, :now) RETURNING id""")
                .bind("u", uuid).bind("a", user.accountId()).bind("c", channel).bind("n", f.displayName()).bind("d", f.description())
                .bind("p", privacy).bind("now", now).mapTo(Long.class).one());
        return load(id).orElseThrow();
    }

    public void update(User user, String id, Fields f) {
        Playlist p = owned(user, id);
        String name = f.displayName() == null ? p.displayName() : f.displayName();
        if (name.isBlank() || name.length() > 120) throw Problem.invalidParam("displayName", "Should have a display name between 1 and 120 characters long");
        int privacy = f.privacy() == null ? p.privacy() : checkPrivacy(f.privacy());
        Long channel = f.channelId() == null ? (p.channel() == null ? null : p.channel().id()) : checkChannel(user, f.channelId());
        if (privacy == Playlist.PUBLIC && channel == null) throw Problem.invalidParam("videoChannelId", "A public playlist needs a channel");
        jdbi.useHandle(h -> h.createUpdate("UPDATE playlists SET display_name = :n, description = :d, privacy = :p, channel_id = :c, updated_at = :now WHERE id = :id")
                .bind("n", name).bind("d", f.description() == null ? p.description() : f.description()).bind("p", privacy)
                .bind("c", channel).bind("now", clock.millis()).bind("id", p.id()).execute());
    }

    public void delete(User user, String id) {
        Playlist p = owned(user, id);
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM playlists WHERE id = :id").bind("id", p.id()).execute());
    }

    public long addVideo(User user, String id, String videoId, Integer start, Integer stop) {
        Playlist p = owned(user, id);
        Video v = videos.visible(Optional.of(user), videoId);
        if (start != null && start < 0 || stop != null && stop < 0) throw Problem.invalidParam("startTimestamp", "Should have valid timestamps");
        return jdbi.inTransaction(h -> {
            int next = h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM playlist_elements WHERE playlist_id = :p")
                    .bind("p", p.id()).mapTo(Integer.class).one();
            long el = h.createQuery("""
                    INSERT INTO playlist_elements (playlist_id, video_id, position, start_timestamp, stop_timestamp, created_at)
                    VALUES (:p, :v, :pos, :s, :e, :now) RETURNING id""")
                    .bind("p", p.id()).bind("v", v.id()).bind("pos", next).bind("s", start).bind("e", stop).bind("now", clock.millis())
                    .mapTo(Long.class).one();
            touch(h, p.id());
            return el;
        });
    }

    public void removeElement(User user, String id, long elementId) {
        Playlist p = owned(user, id);
        jdbi.useTransaction(h -> {
            Optional<Integer> pos = h.createQuery("SELECT position FROM playlist_elements WHERE id = :e AND playlist_id = :p")
                    .bind("e", elementId).bind("p", p.id()).mapTo(Integer.class).findOne();
            if (pos.isEmpty()) throw Problem.notFound("Playlist element " + elementId + " not found");
            h.createUpdate("DELETE FROM playlist_elements WHERE id = :e").bind("e", elementId).execute();
            h.createUpdate("UPDATE playlist_elements SET position = position - 1 WHERE playlist_id = :p AND position > :pos")
                    .bind("p", p.id()).bind("pos", pos.get()).execute();
            touch(h, p.id());
        });
    }

    /**
     * PeerTube's reorder: move `length` elements starting at `start` to just after position
     * `insertAfter` (0 = to the front). Positions are renumbered 1..n in one transaction.
     */
    public void reorder(User user, String id, int start, int insertAfter, int length) {
        Playlist p = owned(user, id);
        jdbi.useTransaction(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM playlist_elements WHERE playlist_id = :p ORDER BY position")
                    .bind("p", p.id()).mapTo(Long.class).list();
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
            for (int i = 0; i < rest.size(); i++) {
                h.createUpdate("UPDATE playlist_elements SET position = :pos WHERE id = :e").bind("pos", i + 1).bind("e", rest.get(i)).execute();
            }
            touch(h, p.id());
        });
    }

    public Page<PlaylistElement> elements(Optional<User> viewer, String id, int start, int count) {
        Playlist p = visible(viewer, id);
        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT id, video_id, position, start_timestamp, stop_timestamp FROM playlist_elements
                WHERE playlist_id = :p ORDER BY position LIMIT :c OFFSET :s""")
                .bind("p", p.id()).bind("c", count).bind("s", start).mapToMap().list());
        List<PlaylistElement> out = rows.stream().map(r -> {
            Video v = videos.find(String.valueOf(((Number) r.get("video_id")).longValue())).orElse(null);
            // Private videos of others stay hidden, as PeerTube shows them: an element without its video.
            Video shown = v == null || v.privacy() == VideoPrivacy.PRIVATE && !videos.canManage(viewer, v) ? null : v;
            return new PlaylistElement(((Number) r.get("id")).longValue(), ((Number) r.get("position")).intValue(),
                    r.get("start_timestamp") == null ? null : ((Number) r.get("start_timestamp")).intValue(),
                    r.get("stop_timestamp") == null ? null : ((Number) r.get("stop_timestamp")).intValue(), shown);
        }).toList();
        return new Page<>(p.videosLength(), out);
    }

    /** Public playlists for lists; an account's own lists include all of theirs. */
    public Page<Playlist> list(Long accountId, Long channelId, boolean includePrivate, int start, int count) {
        String where = " WHERE 1 = 1" + (accountId != null ? " AND p.account_id = :a" : "") + (channelId != null ? " AND p.channel_id = :c" : "")
                + (includePrivate ? "" : " AND p.privacy = 1");
        return jdbi.withHandle(h -> {
            var countQuery = h.createQuery("SELECT COUNT(*) FROM playlists p" + where);
            var idsQuery = h.createQuery("SELECT p.id FROM playlists p" + where + " ORDER BY p.created_at DESC, p.id DESC LIMIT :n OFFSET :s")
                    .bind("n", count).bind("s", start);
            if (accountId != null) {
                countQuery.bind("a", accountId);
                idsQuery.bind("a", accountId);
            }
            if (channelId != null) {
                countQuery.bind("c", channelId);
                idsQuery.bind("c", channelId);
            }
            long total = countQuery.mapTo(Long.class).one();
            List<Long> ids = idsQuery.mapTo(Long.class).list();
            return new Page<>(total, ids.stream().map(this::load).flatMap(Optional::stream).toList());
        });
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
        String key = uuid;
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM playlists WHERE uuid = :u").bind("u", key).mapTo(Long.class).findOne())
                .flatMap(this::load);
    }

    private Optional<Playlist> load(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT p.*, (SELECT COUNT(*) FROM playlist_elements e WHERE e.playlist_id = p.id) AS n FROM playlists p WHERE p.id = :id""")
                .bind("id", id).map((rs, ctx) -> new Object[] {rs.getLong("id"), rs.getString("uuid"), rs.getString("display_name"),
                        rs.getString("description"), rs.getInt("privacy"), rs.getLong("account_id"), Rows.longOrNull(rs, "channel_id"),
                        rs.getLong("created_at"), rs.getLong("updated_at"), rs.getInt("n")}).findOne())
                .map(r -> new Playlist((Long) r[0], (String) r[1], (String) r[2], (String) r[3], (Integer) r[4],
                        accounts.account((Long) r[5]).orElseThrow(), r[6] == null ? null : accounts.channel((Long) r[6]).orElse(null),
                        (Long) r[7], (Long) r[8], (Integer) r[9]));
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

    private void touch(Handle h, long playlistId) {
        h.createUpdate("UPDATE playlists SET updated_at = :now WHERE id = :id").bind("now", clock.millis()).bind("id", playlistId).execute();
    }
}

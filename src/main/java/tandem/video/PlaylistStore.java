package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.core.Page;
import tandem.db.Rows;

import java.util.List;
import java.util.Optional;

/** SQL for playlists and their elements. */
public final class PlaylistStore {
    /** A playlist row as stored: its owner and channel by id, with its number of elements. */
    public record Row(long id, String uuid, String displayName, String description, int privacy, long accountId, Long channelId,
                      long createdAt, long updatedAt, int videosLength, int type) {}

    /**
     * An element row as stored: its video by id; `unavailable` when the reader may not see that video in a
     * list (blocked, or its account or server muted by the instance or the reader).
     */
    public record ElementRow(long id, long videoId, int position, Integer startTimestamp, Integer stopTimestamp, boolean unavailable) {}

    private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getLong("id"), rs.getString("uuid"), rs.getString("display_name"),
            rs.getString("description"), rs.getInt("privacy"), rs.getLong("account_id"), Rows.longOrNull(rs, "channel_id"),
            rs.getLong("created_at"), rs.getLong("updated_at"), rs.getInt("n"), rs.getInt("type"));
    private static final RowMapper<ElementRow> ELEMENT = (rs, ctx) -> new ElementRow(rs.getLong("id"), rs.getLong("video_id"),
            rs.getInt("position"), Rows.intOrNull(rs, "start_timestamp"), Rows.intOrNull(rs, "stop_timestamp"), rs.getInt("unavailable") == 1);

    private final Jdbi jdbi;

    public PlaylistStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insert(String uuid, long accountId, Long channelId, String displayName, String description, int privacy, long now) {
        return insert(uuid, accountId, channelId, displayName, description, privacy, Playlist.REGULAR, now);
    }

    public long insert(String uuid, long accountId, Long channelId, String displayName, String description, int privacy, int type, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO playlists (uuid, account_id, channel_id, display_name, description, privacy, type, created_at, updated_at)
                VALUES (:u, :a, :c, :n, :d, :p, :t, :now, :now) RETURNING id""")
                .bind("u", uuid).bind("a", accountId).bind("c", channelId).bind("n", displayName).bind("d", description)
                .bind("p", privacy).bind("t", type).bind("now", now).mapTo(Long.class).one());
    }

    /** The account's "Watch later" playlist, if it has one yet. */
    public Optional<Long> watchLater(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM playlists WHERE account_id = :a AND type = :t ORDER BY id LIMIT 1")
                .bind("a", accountId).bind("t", Playlist.WATCH_LATER).mapTo(Long.class).findOne());
    }

    /** Where an account's playlists hold these videos (PeerTube's videos-exist): one row per element. */
    public record Holding(long videoId, long playlistId, long elementId, Integer startTimestamp, Integer stopTimestamp) {}

    public List<Holding> holding(long accountId, List<Long> videoIds) {
        if (videoIds.isEmpty()) return List.of();
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT e.video_id, e.playlist_id, e.id, e.start_timestamp, e.stop_timestamp FROM playlist_elements e
                JOIN playlists p ON p.id = e.playlist_id WHERE p.account_id = :a AND e.video_id IN (<ids>) ORDER BY e.id""")
                .bind("a", accountId).bindList("ids", videoIds)
                .map((rs, ctx) -> new Holding(rs.getLong("video_id"), rs.getLong("playlist_id"), rs.getLong("id"),
                        Rows.intOrNull(rs, "start_timestamp"), Rows.intOrNull(rs, "stop_timestamp"))).list());
    }

    public void update(long id, String displayName, String description, int privacy, Long channelId, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE playlists SET display_name = :n, description = :d, privacy = :p, channel_id = :c, updated_at = :now WHERE id = :id")
                .bind("n", displayName).bind("d", description).bind("p", privacy)
                .bind("c", channelId).bind("now", now).bind("id", id).execute());
    }

    public void delete(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM playlists WHERE id = :id").bind("id", id).execute());
    }

    public Optional<Row> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT p.*, (SELECT COUNT(*) FROM playlist_elements e WHERE e.playlist_id = p.id) AS n FROM playlists p WHERE p.id = :id""")
                .bind("id", id).map(ROW).findOne());
    }

    public Optional<Long> idByUuid(String uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM playlists WHERE uuid = :u").bind("u", uuid).mapTo(Long.class).findOne());
    }

    /** A page of playlist ids, newest first, of an account and of a channel when given; public ones only unless `includePrivate`. */
    public Page<Long> ids(Long accountId, Long channelId, boolean includePrivate, int start, int count) {
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
            return new Page<>(total, idsQuery.mapTo(Long.class).list());
        });
    }

    /** Marks a playlist changed, in the caller's transaction. */
    public void touch(Handle h, long playlistId, long now) {
        h.createUpdate("UPDATE playlists SET updated_at = :now WHERE id = :id").bind("now", now).bind("id", playlistId).execute();
    }

    /**
     * A page of a playlist's elements as `viewer` (an account id, or null for a visitor) reads them. As on
     * PeerTube, a blocked video or one of a muted account or server stays in its place as unavailable, and
     * the viewer's own videos are never hidden from them.
     */
    public List<ElementRow> elements(long playlistId, Long viewer, int start, int count) {
        String hidden = Muting.seenBy(viewer).hides("ch.account_id", "ch.host");
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT e.id, e.video_id, e.position, e.start_timestamp, e.stop_timestamp,
                       CASE WHEN ch.account_id = :viewer THEN 0 WHEN b.video_id IS NOT NULL OR %s THEN 1 ELSE 0 END AS unavailable
                FROM playlist_elements e
                LEFT JOIN videos v ON v.id = e.video_id LEFT JOIN channels ch ON ch.id = v.channel_id
                LEFT JOIN video_blacklist b ON b.video_id = e.video_id
                WHERE e.playlist_id = :p ORDER BY e.position LIMIT :c OFFSET :s""".formatted(hidden))
                .bind("p", playlistId).bind("viewer", viewer == null ? -1L : viewer).bind("c", count).bind("s", start).map(ELEMENT).list());
    }

    /** The ids of a playlist's elements in their order, in the caller's transaction. */
    public List<Long> elementIds(Handle h, long playlistId) {
        return h.createQuery("SELECT id FROM playlist_elements WHERE playlist_id = :p ORDER BY position")
                .bind("p", playlistId).mapTo(Long.class).list();
    }

    /** Appends a video after the last element, in the caller's transaction; returns the element's id. */
    public long append(Handle h, long playlistId, long videoId, Integer start, Integer stop, long now) {
        int next = h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM playlist_elements WHERE playlist_id = :p")
                .bind("p", playlistId).mapTo(Integer.class).one();
        return h.createQuery("""
                INSERT INTO playlist_elements (playlist_id, video_id, position, start_timestamp, stop_timestamp, created_at)
                VALUES (:p, :v, :pos, :s, :e, :now) RETURNING id""")
                .bind("p", playlistId).bind("v", videoId).bind("pos", next).bind("s", start).bind("e", stop).bind("now", now)
                .mapTo(Long.class).one();
    }

    /** An element's position, when it belongs to the playlist, in the caller's transaction. */
    public Optional<Integer> position(Handle h, long playlistId, long elementId) {
        return h.createQuery("SELECT position FROM playlist_elements WHERE id = :e AND playlist_id = :p")
                .bind("e", elementId).bind("p", playlistId).mapTo(Integer.class).findOne();
    }

    /** Deletes the element at `position` and closes the gap it leaves, in the caller's transaction. */
    public void deleteElement(Handle h, long playlistId, long elementId, int position) {
        h.createUpdate("DELETE FROM playlist_elements WHERE id = :e").bind("e", elementId).execute();
        h.createUpdate("UPDATE playlist_elements SET position = position - 1 WHERE playlist_id = :p AND position > :pos")
                .bind("p", playlistId).bind("pos", position).execute();
    }

    /** Gives the elements positions 1..n in the order of `elementIds`, in the caller's transaction. */
    public void renumber(Handle h, List<Long> elementIds) {
        for (int i = 0; i < elementIds.size(); i++) {
            h.createUpdate("UPDATE playlist_elements SET position = :pos WHERE id = :e").bind("pos", i + 1).bind("e", elementIds.get(i)).execute();
        }
    }
}

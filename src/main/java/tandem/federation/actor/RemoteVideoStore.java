package tandem.federation.actor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;
import java.util.UUID;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.RemoteVideo;

/** SQL that stores remote videos: a `videos` row marked remote plus where it plays from (`remote_videos`). */
public final class RemoteVideoStore {
    private final Jdbi jdbi;
    private final ObjectMapper mapper;

    public RemoteVideoStore(Jdbi jdbi, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.mapper = mapper;
    }

    /** The local id of a remote video by its ActivityPub id. */
    public Optional<Long> idByUrl(String url) {
        return jdbi.withHandle(h -> h.createQuery("SELECT video_id FROM remote_videos WHERE url = :u").bind("u", url).mapTo(Long.class).findOne());
    }

    /**
     * What we hold of a remote video that an Update compares with the new object: its images' URLs,
     * whether its thumbnail was copied, and when its counts were last read (null: never).
     */
    public record Copy(long videoId, String thumbnailUrl, String previewUrl, boolean hasThumbnail, Long countsFetchedAt, String sha256Url,
                       boolean hasHashes, String filesJson) {}

    /** Whether the object lists other renditions than our copy holds (their hashes then changed too). */
    public boolean filesChanged(Copy copy, RemoteVideo v) {
        return !java.util.Objects.equals(copy.filesJson(), json(v.files()));
    }

    public Optional<Copy> copy(String url) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT r.video_id, r.thumbnail_url, r.preview_url, v.has_thumbnail, r.counts_fetched_at, r.sha256_url,
                            r.segments_sha256 IS NOT NULL, r.files
                        FROM remote_videos r JOIN videos v ON v.id = r.video_id WHERE r.url = :u""")
                .bind("u", url)
                .map((rs, ctx) -> new Copy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getObject(5) == null ? null : rs.getLong(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)))
                .findOne());
    }

    /** Our copy of the origin's segments-sha256.json, if we hold one. */
    public Optional<String> segmentsSha256(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT segments_sha256 FROM remote_videos WHERE video_id = :v AND segments_sha256 IS NOT NULL")
                .bind("v", videoId).mapTo(String.class).findOne());
    }

    /** Whether we hold a copy of the origin's segments-sha256.json. */
    public boolean hasSegmentsSha256(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM remote_videos WHERE video_id = :v AND segments_sha256 IS NOT NULL")
                .bind("v", videoId).mapTo(Long.class).one() > 0);
    }

    /** Keeps a copy of the origin's segments-sha256.json, read from `url` (still the video's, else the copy is stale already). */
    public void setSegmentsSha256(long videoId, String url, String json) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE remote_videos SET segments_sha256 = :j WHERE video_id = :v AND sha256_url = :u")
                .bind("j", json).bind("v", videoId).bind("u", url).execute());
    }

    public Optional<String> urlOf(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT url FROM remote_videos WHERE video_id = :v").bind("v", videoId).mapTo(String.class).findOne());
    }

    /** Inserts or refreshes a remote video in its channel; returns its local id. A uuid already taken by another video is refused. */
    public long upsert(Handle h, RemoteVideo v, long channelId, long now) {
        Optional<Long> existing = h.createQuery("SELECT video_id FROM remote_videos WHERE url = :u").bind("u", v.url()).mapTo(Long.class).findOne();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            h.createUpdate("""
                    UPDATE videos SET channel_id = :channel, name = :name, description = :description, support = :support, category = :category,
                        licence = :licence, language = :language, privacy = :privacy, nsfw = :nsfw, download_enabled = :download, comments_policy = :comments,
                        duration = :duration, aspect_ratio = :ar, views = :views, updated_at = :updated, originally_published_at = :opa
                    WHERE id = :id AND is_local = FALSE""")
                    .bind("channel", channelId).bind("name", v.name()).bind("description", v.description()).bind("support", v.support())
                    .bind("category", v.category()).bind("licence", v.licence()).bind("language", v.language()).bind("privacy", v.privacy())
                    .bind("nsfw", v.nsfw()).bind("download", v.downloadEnabled()).bind("comments", v.commentsPolicy()).bind("duration", v.duration())
                    .bind("ar", v.aspectRatio()).bind("views", v.views()).bind("updated", v.updated()).bind("opa", v.originallyPublished())
                    .bind("id", id).execute();
        } else {
            boolean uuidTaken = h.createQuery("SELECT COUNT(*) FROM videos WHERE uuid = :u").bind("u", v.uuid()).mapTo(Long.class).one() > 0;
            if (uuidTaken) throw new FederationException("another video already has uuid " + v.uuid());
            id = h.createQuery("""
                    INSERT INTO videos (uuid, channel_id, name, description, support, category, licence, language, privacy, nsfw,
                        download_enabled, comments_policy, wait_transcoding, state, transcode_progress, duration, aspect_ratio, file_key,
                        views, is_local, created_at, updated_at, published_at, originally_published_at)
                    VALUES (:uuid, :channel, :name, :description, :support, :category, :licence, :language, :privacy, :nsfw,
                        :download, :comments, FALSE, 1, 100, :duration, :ar, :key, :views, FALSE, :now, :updated, :published, :opa) RETURNING id""")
                    .bind("uuid", v.uuid()).bind("channel", channelId).bind("name", v.name()).bind("description", v.description())
                    .bind("support", v.support()).bind("category", v.category()).bind("licence", v.licence()).bind("language", v.language())
                    .bind("privacy", v.privacy()).bind("nsfw", v.nsfw()).bind("download", v.downloadEnabled()).bind("comments", v.commentsPolicy())
                    .bind("duration", v.duration()).bind("ar", v.aspectRatio()).bind("key", UUID.randomUUID().toString())
                    .bind("views", v.views()).bind("now", now).bind("updated", v.updated()).bind("published", v.published())
                    .bind("opa", v.originallyPublished()).mapTo(Long.class).one();
        }
        h.createUpdate("DELETE FROM video_tags WHERE video_id = :id").bind("id", id).execute();
        for (String t : v.tags()) {
            h.createUpdate("INSERT INTO video_tags (video_id, tag) VALUES (:id, :t) ON CONFLICT DO NOTHING").bind("id", id).bind("t", t).execute();
        }
        // Updated in place: when the counts were read, and the read planned, outlive each new copy of the object.
        String sql = existing.isPresent() ? """
                UPDATE remote_videos SET url = :url, playlist_url = :playlist, sha256_url = :sha, infohashes = :hashes, trackers = :trackers,
                    files = :files, web_files = :webFiles, thumbnail_url = :thumb, preview_url = :preview, fetched_at = :now
                WHERE video_id = :id""" : """
                INSERT INTO remote_videos (video_id, url, playlist_url, sha256_url, infohashes, trackers, files, web_files, thumbnail_url, preview_url, fetched_at)
                VALUES (:id, :url, :playlist, :sha, :hashes, :trackers, :files, :webFiles, :thumb, :preview, :now)""";
        h.createUpdate(sql)
                .bind("id", id).bind("url", v.url()).bind("playlist", v.playlistUrl()).bind("sha", v.sha256Url())
                .bind("hashes", json(v.infohashes())).bind("trackers", json(v.trackers())).bind("files", json(v.files())).bind("webFiles", json(v.webFiles()))
                .bind("thumb", v.thumbnailUrl()).bind("preview", v.previewUrl()).bind("now", now).execute();
        return id;
    }

    /** The counts read from the origin at `now` (a null one could not be read); no read is planned any more. */
    public void setCounts(long videoId, Long likes, Long dislikes, long now) {
        jdbi.useTransaction(h -> {
            if (likes != null) h.createUpdate("UPDATE videos SET likes = :n WHERE id = :id AND is_local = FALSE").bind("n", likes).bind("id", videoId).execute();
            if (dislikes != null) h.createUpdate("UPDATE videos SET dislikes = :n WHERE id = :id AND is_local = FALSE").bind("n", dislikes).bind("id", videoId).execute();
            h.createUpdate("UPDATE remote_videos SET counts_fetched_at = :now, counts_due_at = NULL WHERE video_id = :id")
                    .bind("now", now).bind("id", videoId).execute();
        });
    }

    /** Plans a read of the counts at `due`: true for the one caller that planned it, false when one is planned already. */
    public boolean planCounts(Handle h, long videoId, long due) {
        return h.createUpdate("UPDATE remote_videos SET counts_due_at = :due WHERE video_id = :id AND counts_due_at IS NULL")
                .bind("due", due).bind("id", videoId).execute() == 1;
    }

    public void delete(Handle h, long videoId) {
        h.createUpdate("DELETE FROM videos WHERE id = :id AND is_local = FALSE").bind("id", videoId).execute();
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

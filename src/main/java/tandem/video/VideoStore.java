package tandem.video;

import tandem.core.Page;
import tandem.db.Dialect;
import tandem.db.Rows;
import tandem.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.account.Account;
import tandem.account.Channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for videos, their tags and their files. */
public final class VideoStore {
    /** A video's columns with its channel's and account's, from rows named v, c and a. */
    static final String COLUMNS = """
            SELECT v.*, c.id AS c_id, c.name AS c_name, c.host AS c_host, c.display_name AS c_display_name,
                   c.description AS c_description, c.support AS c_support, c.created_at AS c_created_at,
                   a.id AS a_id, a.user_id AS a_user_id, a.name AS a_name, a.host AS a_host, a.display_name AS a_display_name,
                   a.description AS a_description, a.created_at AS a_created_at""";

    static final String SELECT = COLUMNS + " FROM videos v JOIN channels c ON c.id = v.channel_id JOIN accounts a ON a.id = c.account_id";

    static final RowMapper<Video> VIDEO = (rs, ctx) -> new Video(
            rs.getLong("id"), rs.getString("uuid"), rs.getString("name"), rs.getString("description"), rs.getString("support"),
            Rows.intOrNull(rs, "category"), Rows.intOrNull(rs, "licence"), rs.getString("language"),
            VideoPrivacy.byId(rs.getInt("privacy")), rs.getBoolean("nsfw"), rs.getBoolean("download_enabled"),
            rs.getInt("comments_policy"), rs.getBoolean("wait_transcoding"), VideoState.byId(rs.getInt("state")),
            rs.getString("state_reason"), rs.getInt("transcode_progress"), rs.getInt("duration"),
            Rows.doubleOrNull(rs, "aspect_ratio"), rs.getLong("input_size"), rs.getString("input_name"),
            rs.getString("file_key"), rs.getLong("views"), rs.getLong("likes"), rs.getLong("dislikes"),
            rs.getBoolean("is_local"), rs.getBoolean("has_thumbnail"), rs.getInt("thumbnail_version"), rs.getLong("created_at"), rs.getLong("updated_at"),
            Rows.longOrNull(rs, "published_at"), Rows.longOrNull(rs, "originally_published_at"),
            List.of(),
            new Channel(rs.getLong("c_id"), rs.getString("c_name"), rs.getString("c_host"), rs.getString("c_display_name"),
                    rs.getString("c_description"), rs.getString("c_support"), rs.getLong("c_created_at"),
                    new Account(rs.getLong("a_id"), Rows.longOrNull(rs, "a_user_id"), rs.getString("a_name"),
                            rs.getString("a_host"), rs.getString("a_display_name"), rs.getString("a_description"), rs.getLong("a_created_at"))));

    private static final RowMapper<VideoFile> FILE = (rs, ctx) -> new VideoFile(rs.getLong("id"), rs.getLong("video_id"),
            rs.getString("kind"), rs.getInt("resolution"), rs.getInt("width"), rs.getInt("height"), rs.getDouble("fps"),
            rs.getLong("size"), rs.getString("file_name"), rs.getString("torrent_name"), rs.getString("info_hash"),
            rs.getBoolean("has_audio"), rs.getBoolean("has_video"));

    private static final com.fasterxml.jackson.databind.ObjectMapper REMOTE_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Jdbi jdbi;
    private final VideoListing listing;

    public VideoStore(Jdbi jdbi, Dialect dialect) {
        this(jdbi, dialect, java.time.Clock.systemUTC());
    }

    /** `clock` tells the trending sorts which days are the recent ones. */
    public VideoStore(Jdbi jdbi, Dialect dialect, java.time.Clock clock) {
        this.jdbi = jdbi;
        this.listing = new VideoListing(jdbi, dialect, clock);
    }

    public long insert(Handle h, String uuid, long channelId, VideoMetadata m, String fileKey, long inputSize, String inputName, long now) {
        boolean noWait = Boolean.FALSE.equals(m.waitTranscoding());
        long id = h.createQuery("""
                INSERT INTO videos (uuid, channel_id, name, description, support, category, licence, language, privacy, nsfw,
                    download_enabled, comments_policy, wait_transcoding, state, file_key, input_size, input_name, created_at, updated_at,
                    originally_published_at, published_at)
                VALUES (:uuid, :channel, :name, :description, :support, :category, :licence, :language, :privacy, :nsfw,
                    :download, :comments, :wait, :state, :key, :size, :inputName, :now, :now, :opa, :publishedAt) RETURNING id""")
                .bind("uuid", uuid).bind("channel", channelId).bind("name", m.name()).bind("description", m.description())
                .bind("support", m.support()).bind("category", m.category()).bind("licence", m.licence()).bind("language", m.language())
                .bind("privacy", (m.privacy() == null ? VideoPrivacy.PUBLIC : m.privacy()).id)
                .bind("nsfw", Boolean.TRUE.equals(m.nsfw())).bind("download", !Boolean.FALSE.equals(m.downloadEnabled()))
                .bind("comments", m.commentsPolicy() == null ? 1 : m.commentsPolicy())
                // PeerTube's waitTranscoding=false: published at once, playable from the original until the ladder lands.
                .bind("wait", !noWait).bind("state", (noWait ? VideoState.PUBLISHED : VideoState.TO_TRANSCODE).id)
                .bind("publishedAt", noWait ? now : null)
                .bind("key", fileKey).bind("size", inputSize).bind("inputName", inputName).bind("now", now)
                .bind("opa", m.originallyPublishedAt())
                .mapTo(Long.class).one();
        if (m.tags() != null) replaceTags(h, id, m.tags());
        return id;
    }

    /** Applies the non-null fields of an update. */
    public void update(Handle h, long id, VideoMetadata m, long now) {
        Map<String, Object> set = new java.util.LinkedHashMap<>();
        if (m.name() != null) set.put("name", m.name());
        if (m.channelId() != null) set.put("channel_id", m.channelId());
        if (m.privacy() != null) set.put("privacy", m.privacy().id);
        if (m.category() != null) set.put("category", m.category());
        if (m.licence() != null) set.put("licence", m.licence());
        if (m.language() != null) set.put("language", m.language());
        if (m.description() != null) set.put("description", m.description());
        if (m.support() != null) set.put("support", m.support());
        if (m.nsfw() != null) set.put("nsfw", m.nsfw());
        if (m.waitTranscoding() != null) set.put("wait_transcoding", m.waitTranscoding());
        if (m.downloadEnabled() != null) set.put("download_enabled", m.downloadEnabled());
        if (m.commentsPolicy() != null) set.put("comments_policy", m.commentsPolicy());
        if (m.originallyPublishedAt() != null) set.put("originally_published_at", m.originallyPublishedAt());
        set.put("updated_at", now);
        Sql.updateById(h, "videos", set, id);
        if (m.tags() != null) replaceTags(h, id, m.tags());
    }

    private void replaceTags(Handle h, long id, List<String> tags) {
        h.createUpdate("DELETE FROM video_tags WHERE video_id = :id").bind("id", id).execute();
        for (String t : tags) h.createUpdate("INSERT INTO video_tags (video_id, tag) VALUES (:id, :t)").bind("id", id).bind("t", t).execute();
    }

    public Optional<Video> byId(long id) {
        return jdbi.withHandle(h -> withTags(h, h.createQuery(SELECT + " WHERE v.id = :id").bind("id", id).map(VIDEO).list())).stream().findFirst();
    }

    /** Every video of an account, in the caller's transaction. */
    public List<Video> byAccount(Handle h, long accountId) {
        return h.createQuery(SELECT + " WHERE a.id = :a ORDER BY v.id").bind("a", accountId).map(VIDEO).list();
    }

    public Optional<Video> byUuid(String uuid) {
        return jdbi.withHandle(h -> withTags(h, h.createQuery(SELECT + " WHERE v.uuid = :u").bind("u", uuid).map(VIDEO).list())).stream().findFirst();
    }

    /** The video whose files are named after this key (its thumbnail, torrents, web videos). */
    public Optional<Video> byFileKey(String fileKey) {
        return jdbi.withHandle(h -> withTags(h, h.createQuery(SELECT + " WHERE v.file_key = :k").bind("k", fileKey).map(VIDEO).list())).stream().findFirst();
    }

    /** A page of a list with its total (see {@link VideoListing}). */
    public Page<Video> page(VideoQuery q) {
        return listing.page(q);
    }

    /** A page of a list (see {@link VideoListing}). */
    public List<Video> list(VideoQuery q) {
        return listing.list(q);
    }

    /** How many videos the list has in all (see {@link VideoListing}). */
    public long count(VideoQuery q) {
        return listing.count(q);
    }

    static List<Video> withTags(Handle h, List<Video> videos) {
        if (videos.isEmpty()) return videos;
        Map<Long, List<String>> tags = new HashMap<>();
        h.createQuery("SELECT video_id, tag FROM video_tags WHERE video_id IN (<ids>) ORDER BY tag")
                .bindList("ids", videos.stream().map(Video::id).toList())
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return videos.stream().map(v -> withTagList(v, tags.getOrDefault(v.id(), List.of()))).toList();
    }

    private static Video withTagList(Video v, List<String> t) {
        return new Video(v.id(), v.uuid(), v.name(), v.description(), v.support(), v.category(), v.licence(), v.language(),
                v.privacy(), v.nsfw(), v.downloadEnabled(), v.commentsPolicy(), v.waitTranscoding(), v.state(), v.stateReason(),
                v.transcodeProgress(), v.duration(), v.aspectRatio(), v.inputSize(), v.inputName(), v.fileKey(), v.views(),
                v.likes(), v.dislikes(), v.isLocal(), v.hasThumbnail(), v.thumbnailVersion(), v.createdAt(), v.updatedAt(), v.publishedAt(),
                v.originallyPublishedAt(), List.copyOf(t), v.channel());
    }

    public void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM videos WHERE id = :id").bind("id", id).execute();
    }

    // --- files ---

    public long insertFile(Handle h, long videoId, String kind, int resolution, int width, int height, double fps, long size,
                           String fileName, boolean hasAudio, boolean hasVideo, long now) {
        return h.createQuery("""
                INSERT INTO video_files (video_id, kind, resolution, width, height, fps, size, file_name, has_audio, has_video, created_at)
                VALUES (:v, :k, :r, :w, :h, :fps, :size, :name, :audio, :video, :now) RETURNING id""")
                .bind("v", videoId).bind("k", kind).bind("r", resolution).bind("w", width).bind("h", height).bind("fps", fps)
                .bind("size", size).bind("name", fileName).bind("audio", hasAudio).bind("video", hasVideo).bind("now", now)
                .mapTo(Long.class).one();
    }

    public void deleteFiles(Handle h, long videoId, String kind) {
        h.createUpdate("DELETE FROM video_files WHERE video_id = :v AND kind = :k").bind("v", videoId).bind("k", kind).execute();
    }

    public void setTorrent(long fileId, String torrentName, String infoHash) {
        jdbi.useHandle(h -> setTorrent(h, fileId, torrentName, infoHash));
    }

    public void setTorrent(Handle h, long fileId, String torrentName, String infoHash) {
        h.createUpdate("UPDATE video_files SET torrent_name = :t, info_hash = :ih WHERE id = :id")
                .bind("t", torrentName).bind("ih", infoHash).bind("id", fileId).execute();
    }

    /** Our videos with an HLS rendition that has no torrent: published before Tandem made them. */
    public List<Long> lackingHlsTorrents(Handle h) {
        return h.createQuery("""
                SELECT DISTINCT f.video_id FROM video_files f JOIN videos v ON v.id = f.video_id
                WHERE f.kind = 'hls' AND f.torrent_name IS NULL AND v.is_local = TRUE ORDER BY f.video_id""")
                .mapTo(Long.class).list();
    }

    public void updateWebFileFacts(long fileId, int resolution, int width, int height, double fps, boolean hasAudio, boolean hasVideo) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE video_files SET resolution = :r, width = :w, height = :h, fps = :fps, has_audio = :a, has_video = :vv WHERE id = :id")
                .bind("r", resolution).bind("w", width).bind("h", height).bind("fps", fps).bind("a", hasAudio).bind("vv", hasVideo)
                .bind("id", fileId).execute());
    }

    public List<VideoFile> files(long videoId) {
        return jdbi.withHandle(h -> files(h, videoId));
    }

    public List<VideoFile> files(Handle h, long videoId) {
        return h.createQuery("SELECT * FROM video_files WHERE video_id = :v ORDER BY resolution DESC, id").bind("v", videoId).map(FILE).list();
    }

    public Map<Long, List<VideoFile>> files(List<Long> videoIds) {
        Map<Long, List<VideoFile>> out = new HashMap<>();
        if (videoIds.isEmpty()) return out;
        jdbi.useHandle(h -> h.createQuery("SELECT * FROM video_files WHERE video_id IN (<ids>) ORDER BY resolution DESC, id")
                .bindList("ids", videoIds).map(FILE)
                .forEach(f -> out.computeIfAbsent(f.videoId(), k -> new ArrayList<>()).add(f)));
        return out;
    }

    // --- state ---

    public void setProgress(long videoId, int percent) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE videos SET transcode_progress = :p WHERE id = :id").bind("p", percent).bind("id", videoId).execute());
    }

    public void setThumbnail(long videoId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE videos SET has_thumbnail = TRUE WHERE id = :id").bind("id", videoId).execute());
    }

    /** Points the row to stills of a new version, unless another change moved it from `old` first. */
    public boolean swapThumbnail(Handle h, long videoId, int old, int version, long now) {
        return h.createUpdate("UPDATE videos SET thumbnail_version = :n, has_thumbnail = TRUE, updated_at = :now WHERE id = :id AND thumbnail_version = :old")
                .bind("n", version).bind("old", old).bind("now", now).bind("id", videoId).execute() == 1;
    }

    public void markPublished(Handle h, long videoId, int duration, Double aspectRatio, long now) {
        h.createUpdate("""
                UPDATE videos SET state = :s, state_reason = NULL, transcode_progress = 100, duration = :d, aspect_ratio = :ar,
                    published_at = COALESCE(published_at, :now), updated_at = :now WHERE id = :id""")
                .bind("s", VideoState.PUBLISHED.id).bind("d", duration).bind("ar", aspectRatio).bind("now", now).bind("id", videoId).execute();
    }

    public void markFailed(long videoId, String reason, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE videos SET state = :s, state_reason = :r, updated_at = :now WHERE id = :id")
                .bind("s", VideoState.TRANSCODING_FAILED.id).bind("r", reason).bind("now", now).bind("id", videoId).execute());
    }

    /** Bytes a user's account has uploaded, optionally only since a time (for the daily quota). */
    public long usedQuota(long accountId, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COALESCE(SUM(v.input_size), 0) FROM videos v JOIN channels c ON c.id = v.channel_id
                WHERE c.account_id = :a AND v.created_at >= :since""")
                .bind("a", accountId).bind("since", since).mapTo(Long.class).one());
    }

    /** Published local videos that have HLS renditions, with how many: the swarms the tracker serves. */
    public Map<Video, Integer> swarmSources() {
        return jdbi.withHandle(h -> {
            Map<Long, Integer> counts = new HashMap<>();
            h.createQuery("SELECT video_id, COUNT(*) AS n FROM video_files WHERE kind = 'hls' GROUP BY video_id")
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getInt(2))).forEach(e -> counts.put(e.getKey(), e.getValue()));
            Map<Video, Integer> out = new java.util.LinkedHashMap<>();
            if (counts.isEmpty()) return out;
            h.createQuery(SELECT + " WHERE v.state = 1 AND v.is_local = TRUE AND v.id IN (<ids>)").bindList("ids", List.copyOf(counts.keySet()))
                    .map(VIDEO).forEach(v -> out.put(v, counts.get(v.id())));
            return out;
        });
    }

    public long countLocal() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM videos WHERE is_local = TRUE").mapTo(Long.class).one());
    }

    /** Views of our own videos, all together (PeerTube's `totalLocalVideoViews`). */
    public long sumLocalViews() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(views), 0) FROM videos WHERE is_local = TRUE").mapTo(Long.class).one());
    }

    /**
     * Takes the refresh of a remote video whose copy was read before `staleBefore`: true for the one
     * caller that moved its read time to `now` (a page shown a thousand times queues one refresh).
     */
    public boolean claimRefresh(Handle h, long videoId, long staleBefore, long now) {
        return h.createUpdate("UPDATE remote_videos SET fetched_at = :now WHERE video_id = :v AND fetched_at < :stale")
                .bind("now", now).bind("v", videoId).bind("stale", staleBefore).execute() == 1;
    }

    /** Where a remote video plays from; empty for our own videos. */
    public Optional<RemotePlayback> remotePlayback(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT url, playlist_url, sha256_url, infohashes, trackers, files, web_files, thumbnail_url, fetched_at FROM remote_videos WHERE video_id = :v")
                .bind("v", videoId)
                .map((rs, ctx) -> {
                    try {
                        var mapper = REMOTE_JSON;
                        var t = mapper.getTypeFactory();
                        return new RemotePlayback(rs.getString(1), rs.getString(2), rs.getString(3),
                                mapper.readValue(rs.getString(4), t.constructCollectionType(List.class, String.class)),
                                mapper.readValue(rs.getString(5), t.constructCollectionType(List.class, String.class)),
                                mapper.readValue(rs.getString(6), t.constructCollectionType(List.class, RemotePlayback.File.class)),
                                mapper.readValue(rs.getString(7), t.constructCollectionType(List.class, RemotePlayback.File.class)),
                                rs.getString(8), rs.getLong(9));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("unreadable remote_videos row " + videoId, e);
                    }
                }).findOne());
    }
}

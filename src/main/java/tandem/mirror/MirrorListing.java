package tandem.mirror;

import org.jdbi.v3.core.Jdbi;
import tandem.core.PageRequest;
import tandem.db.Rows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin list of mirrors, by video as PeerTube shows them: `remote-videos`, our copies of other
 * instances' videos; `my-videos`, other instances' mirrors of our own videos (from their CacheFiles).
 */
public final class MirrorListing {
    private final Jdbi jdbi;
    private final MirrorDirectory directory;
    private final String publicUrl;

    public MirrorListing(Jdbi jdbi, MirrorDirectory directory, String publicUrl) {
        this.jdbi = jdbi;
        this.directory = directory;
        this.publicUrl = publicUrl;
    }

    /** One mirror of a video: its id (for DELETE), where its files are, and PeerTube's fields (times in epoch ms). */
    public record Copy(long id, String fileUrl, String strategy, Long size, long createdAt, long updatedAt, Long expiresAt) {}

    /** A mirrored video with its mirrors. */
    public record Item(long videoId, String name, String url, String uuid, List<Copy> copies) {}

    public record Result(long total, List<Item> items) {}

    /** Our mirrors ({@code mine} false: target remote-videos) or others' mirrors of our videos ({@code mine} true: my-videos). */
    public Result list(boolean myVideos, String strategy, PageRequest page) {
        String videos = myVideos
                ? "SELECT DISTINCT rm.video_id FROM remote_mirrors rm JOIN videos v ON v.id = rm.video_id WHERE v.is_local"
                : "SELECT m.video_id FROM mirrors m" + (strategy == null ? "" : " WHERE m.strategy = :s");
        String order = "name".equals(page.sortField()) ? "v.name" : "v.id";
        return jdbi.withHandle(h -> {
            long total = h.createQuery("SELECT COUNT(*) FROM (" + videos + ") x").bindMap(strategy == null ? Map.of() : Map.of("s", strategy)).mapTo(Long.class).one();
            List<Item> items = new ArrayList<>();
            Map<Long, Integer> index = new LinkedHashMap<>();
            h.createQuery("SELECT v.id, v.name, v.uuid, r.url FROM videos v LEFT JOIN remote_videos r ON r.video_id = v.id WHERE v.id IN ("
                            + videos + ") ORDER BY " + order + (page.descending() ? " DESC" : "") + ", v.id LIMIT :count OFFSET :start")
                    .bindMap(strategy == null ? Map.of() : Map.of("s", strategy)).bind("count", page.count()).bind("start", page.start())
                    .map((rs, ctx) -> new Item(rs.getLong(1), rs.getString(2),
                            rs.getString(4) != null ? rs.getString(4) : publicUrl + "/videos/watch/" + rs.getString(3), rs.getString(3), new ArrayList<>()))
                    .forEach(i -> {
                        index.put(i.videoId(), items.size());
                        items.add(i);
                    });
            if (items.isEmpty()) return new Result(total, items);
            if (myVideos) {
                h.createQuery("""
                                SELECT rm.id, rm.video_id, rm.base_url, rm.expires_at, rm.created_at, rm.updated_at,
                                       (SELECT COALESCE(SUM(f.size), 0) FROM video_files f WHERE f.video_id = rm.video_id AND f.kind = 'hls') AS size
                                FROM remote_mirrors rm WHERE rm.video_id IN (<ids>) ORDER BY rm.id""")
                        .bindList("ids", List.copyOf(index.keySet()))
                        .map((rs, ctx) -> Map.entry(rs.getLong(2), new Copy(rs.getLong(1), rs.getString(3), null, rs.getLong(7),
                                rs.getLong(5), rs.getLong(6), Rows.longOrNull(rs, "expires_at"))))
                        .forEach(e -> items.get(index.get(e.getKey())).copies().add(e.getValue()));
            } else {
                h.createQuery("""
                                SELECT m.id, m.video_id, v.uuid, m.strategy, m.size_bytes, m.created_at, m.updated_at, m.expires_at
                                FROM mirrors m JOIN videos v ON v.id = m.video_id WHERE m.video_id IN (<ids>)""")
                        .bindList("ids", List.copyOf(index.keySet()))
                        .map((rs, ctx) -> Map.entry(rs.getLong(2), new Copy(rs.getLong(1), directory.ourBaseUrl(rs.getString(3)), rs.getString(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7), Rows.longOrNull(rs, "expires_at"))))
                        .forEach(e -> items.get(index.get(e.getKey())).copies().add(e.getValue()));
            }
            return new Result(total, items);
        });
    }

    /** Per configured strategy: PeerTube's `videosRedundancy` of `GET /server/stats`. */
    public List<Map<String, Object>> stats(MirrorPolicy policy) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MirrorPolicy.Strategy s : policy.strategies()) {
            Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("""
                            SELECT COALESCE(SUM(m.size_bytes), 0) AS used, COUNT(*) AS videos,
                                   (SELECT COUNT(*) FROM video_files f JOIN mirrors m2 ON m2.video_id = f.video_id
                                    WHERE m2.strategy = :s AND m2.state = 'ready' AND f.kind = 'hls') AS files
                            FROM mirrors m WHERE m.strategy = :s AND m.state = 'ready'""")
                    .bind("s", s.id())
                    .map((rs, ctx) -> {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("strategy", s.id());
                        r.put("totalSize", s.sizeBytes());
                        r.put("totalUsed", rs.getLong("used"));
                        r.put("totalVideoFiles", rs.getLong("files"));
                        r.put("totalVideos", rs.getLong("videos"));
                        return r;
                    }).one());
            out.add(row);
        }
        return out;
    }
}

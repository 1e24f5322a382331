package tandem.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.Optional;

/**
 * Serves our CacheFiles at their ids (`/redundancy/streaming-playlists/hls/<uuid>`), as PeerTube
 * does: a third instance that hears of our mirror through the origin's forward fetches it from us,
 * and only a finished copy (a `mirrors` row in state `ready`) is one we stand behind.
 */
public final class CacheFileDocuments {
    private final Jdbi jdbi;
    private final CacheFiles cacheFiles;

    public CacheFileDocuments(Jdbi jdbi, CacheFiles cacheFiles) {
        this.jdbi = jdbi;
        this.cacheFiles = cacheFiles;
    }

    /** Our mirror's CacheFile for a video uuid, if we hold a ready copy of it. */
    public Optional<ObjectNode> byVideoUuid(String uuid) {
        record Row(long videoId, Long expiresAt) {}
        Optional<Row> row = jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.video_id, m.expires_at FROM mirrors m JOIN videos v ON v.id = m.video_id
                        WHERE v.uuid = :u AND m.state = 'ready'""")
                .bind("u", uuid)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2)))
                .findOne());
        return row.flatMap(r -> cacheFiles.document(r.videoId(), r.expiresAt() == null ? null : Instant.ofEpochMilli(r.expiresAt())));
    }
}

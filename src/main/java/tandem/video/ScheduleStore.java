package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** SQL for videos' scheduled publications. */
public final class ScheduleStore {
    private final Jdbi jdbi;

    public ScheduleStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<ScheduledUpdate> find(long videoId) {
        return jdbi.withHandle(h -> find(h, videoId));
    }

    public Optional<ScheduledUpdate> find(Handle h, long videoId) {
        return h.createQuery("SELECT update_at, privacy FROM video_schedules WHERE video_id = :v").bind("v", videoId)
                .map((rs, ctx) -> new ScheduledUpdate(rs.getLong(1), VideoPrivacy.byId(rs.getInt(2)))).findOne();
    }

    public void put(Handle h, long videoId, ScheduledUpdate s) {
        h.createUpdate("""
                INSERT INTO video_schedules (video_id, update_at, privacy) VALUES (:v, :at, :p)
                ON CONFLICT (video_id) DO UPDATE SET update_at = excluded.update_at, privacy = excluded.privacy""")
                .bind("v", videoId).bind("at", s.updateAt()).bind("p", s.privacy().id).execute();
    }

    public void delete(Handle h, long videoId) {
        h.createUpdate("DELETE FROM video_schedules WHERE video_id = :v").bind("v", videoId).execute();
    }

    /** Applies a due schedule: the new privacy, published now as PeerTube does for a scheduled video. */
    public void publish(Handle h, long videoId, VideoPrivacy privacy, long now) {
        h.createUpdate("UPDATE videos SET privacy = :p, published_at = :now, updated_at = :now WHERE id = :id")
                .bind("p", privacy.id).bind("now", now).bind("id", videoId).execute();
    }
}

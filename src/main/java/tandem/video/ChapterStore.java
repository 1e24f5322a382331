package tandem.video;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** SQL for videos' chapters. */
public final class ChapterStore {
    private final Jdbi jdbi;

    public ChapterStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A video's chapters, by timecode. */
    public List<Chapter> list(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT timecode, title FROM video_chapters WHERE video_id = :v ORDER BY timecode")
                .bind("v", videoId).map((rs, ctx) -> new Chapter(rs.getInt(1), rs.getString(2))).list());
    }

    /** Replaces every chapter of a video, in the caller's transaction. */
    public void replace(Handle h, long videoId, List<Chapter> chapters) {
        h.createUpdate("DELETE FROM video_chapters WHERE video_id = :v").bind("v", videoId).execute();
        for (Chapter c : chapters) {
            h.createUpdate("INSERT INTO video_chapters (video_id, timecode, title) VALUES (:v, :t, :title)")
                    .bind("v", videoId).bind("t", c.timecode()).bind("title", c.title()).execute();
        }
    }
}

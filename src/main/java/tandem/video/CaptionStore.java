package tandem.video;

import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** SQL for video captions, one per video and language. */
public final class CaptionStore {
    private final Jdbi jdbi;

    public CaptionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records the caption of a video in a language, in place of any earlier one, in one transaction. */
    public void replace(long videoId, String language, String fileName, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM video_captions WHERE video_id = :v AND language = :l").bind("v", videoId).bind("l", language).execute();
            h.createUpdate("INSERT INTO video_captions (video_id, language, file_name, updated_at) VALUES (:v, :l, :f, :now)")
                    .bind("v", videoId).bind("l", language).bind("f", fileName).bind("now", now).execute();
        });
    }

    public void delete(long videoId, String language) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM video_captions WHERE video_id = :v AND language = :l").bind("v", videoId).bind("l", language).execute());
    }

    /** A video's captions by language. */
    public List<CaptionService.Caption> list(long videoId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT language, file_name, updated_at FROM video_captions WHERE video_id = :v ORDER BY language")
                .bind("v", videoId).map((rs, ctx) -> new CaptionService.Caption(rs.getString(1), rs.getString(2), rs.getLong(3))).list());
    }
}

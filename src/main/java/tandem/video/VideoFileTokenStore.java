package tandem.video;

import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** SQL for video file tokens. */
public final class VideoFileTokenStore {
    private final Jdbi jdbi;

    public VideoFileTokenStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records a token, and forgets those expired before `now`, in one transaction. */
    public void insert(String token, long videoId, long userId, long expiresAt, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM video_file_tokens WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO video_file_tokens (token, video_id, user_id, expires_at) VALUES (:t, :v, :u, :e)")
                    .bind("t", token).bind("v", videoId).bind("u", userId).bind("e", expiresAt).execute();
        });
    }

    /** The video whose files `token` opens at `now`: unexpired, and its user not blocked. */
    public Optional<Long> videoOf(String token, long now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT t.video_id FROM video_file_tokens t JOIN users u ON u.id = t.user_id"
                        + " WHERE t.token = :t AND t.expires_at > :now AND u.blocked = :no")
                .bind("t", token).bind("now", now).bind("no", false).mapTo(Long.class).findOne());
    }
}

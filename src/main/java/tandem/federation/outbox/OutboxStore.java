package tandem.federation.outbox;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/**
 * SQL for the activities we sent (`outbox_activities`): the bodies deliveries read, and the rows that
 * record what was already sent about a video (a body-less row marks a Create sent to nobody).
 */
public final class OutboxStore {
    /** A sent activity's body and the actor that sends it (0 for a row that only marks something as sent). */
    public record Sent(long actorId, String body) {}

    private final Jdbi jdbi;

    public OutboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores an activity's body, in the caller's transaction; returns its id, which its delivery jobs name. */
    public long insert(Handle h, String activityUrl, long actorId, String body, long now) {
        return h.createQuery("INSERT INTO outbox_activities (activity_url, actor_id, body, created_at) VALUES (:u, :a, :b, :now) RETURNING id")
                .bind("u", activityUrl).bind("a", actorId).bind("b", body).bind("now", now)
                .mapTo(Long.class).one();
    }

    /** Records that an activity counts as sent though it went nowhere (a Create with no follower yet), in the caller's transaction. */
    public void markSent(Handle h, String activityUrl, long now) {
        h.createUpdate("INSERT INTO outbox_activities (activity_url, actor_id, body, created_at) VALUES (:u, NULL, '{}', :now)")
                .bind("u", activityUrl).bind("now", now).execute();
    }

    public boolean wasSent(String activityUrl) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox_activities WHERE activity_url = :u")
                .bind("u", activityUrl).mapTo(Long.class).one()) > 0;
    }

    /** The URL of the latest Create, Update or Delete sent about a video (`<video>/activity`, `<video>/updates/…`, `<video>/delete`). */
    public Optional<String> latestAbout(String videoUrl) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT activity_url FROM outbox_activities
                        WHERE activity_url = :create OR activity_url = :delete OR activity_url LIKE :updates ORDER BY id DESC""")
                .bind("create", videoUrl + "/activity").bind("delete", videoUrl + "/delete").bind("updates", videoUrl + "/updates/%")
                .mapTo(String.class).findFirst());
    }

    public Optional<Sent> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT actor_id, body FROM outbox_activities WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Sent(rs.getLong(1), rs.getString(2))).findOne());
    }

    /** Deletes the activities sent before `before`, except the Creates, in the caller's transaction; returns how many. */
    public int deleteSentBefore(Handle h, long before) {
        return h.createUpdate("DELETE FROM outbox_activities WHERE created_at < :t AND activity_url NOT LIKE '%/activity'")
                .bind("t", before).execute();
    }

    /** Empties the bodies of the Creates sent before `before` (their rows still decide between Create and Update), in the caller's transaction. */
    public int emptyCreatesBefore(Handle h, long before) {
        return h.createUpdate("UPDATE outbox_activities SET body = '{}' WHERE created_at < :t AND activity_url LIKE '%/activity' AND body <> '{}'")
                .bind("t", before).execute();
    }
}

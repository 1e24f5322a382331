package tandem.federation.inbox;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** SQL for the activities our inboxes received (`inbox_activities`), which are also the replay guard. */
public final class InboxStore {
    /** A received activity as it was POSTed, and the actor whose key signed it. */
    public record Received(String body, String signerUrl) {}

    private final Jdbi jdbi;

    public InboxStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Stores an activity unless the same signed request is already there (the replay guard), in the caller's
     * transaction; returns its row id, empty when it was a replay.
     */
    public Optional<Long> insertIfNew(Handle h, String activityUrl, String signatureHash, String actorUrl, String signerUrl, String body, long now) {
        int inserted = h.createUpdate("""
                INSERT INTO inbox_activities (activity_url, signature_hash, actor_url, signer_url, body, received_at)
                VALUES (:id, :sig, :actor, :signer, :body, :now) ON CONFLICT (activity_url, signature_hash) DO NOTHING""")
                .bind("id", activityUrl).bind("sig", signatureHash).bind("actor", actorUrl).bind("signer", signerUrl)
                .bind("body", body).bind("now", now).execute();
        if (inserted == 0) return Optional.empty();
        return Optional.of(h.createQuery("SELECT id FROM inbox_activities WHERE activity_url = :id AND signature_hash = :sig")
                .bind("id", activityUrl).bind("sig", signatureHash).mapTo(Long.class).one());
    }

    public Optional<Received> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT body, signer_url FROM inbox_activities WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new Received(rs.getString(1), rs.getString(2))).findOne());
    }

    /** Deletes the activities received before `before`, in the caller's transaction; returns how many. */
    public int deleteReceivedBefore(Handle h, long before) {
        return h.createUpdate("DELETE FROM inbox_activities WHERE received_at < :t").bind("t", before).execute();
    }
}

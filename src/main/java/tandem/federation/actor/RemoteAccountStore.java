package tandem.federation.actor;

import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** SQL for the account and channel rows that stand for remote actors (found by name and host). */
public final class RemoteAccountStore {
    /** Creates or refreshes a remote account, in the caller's transaction; returns its id. */
    public long upsertAccount(Handle h, String name, String host, String display, String summary, long now) {
        Optional<Long> id = h.createQuery("SELECT id FROM accounts WHERE name = :n AND host = :h").bind("n", name).bind("h", host)
                .mapTo(Long.class).findOne();
        if (id.isPresent()) {
            h.createUpdate("UPDATE accounts SET display_name = :d, description = :s WHERE id = :id")
                    .bind("d", display).bind("s", summary).bind("id", id.get()).execute();
            return id.get();
        }
        return h.createQuery("INSERT INTO accounts (name, host, display_name, description, created_at) VALUES (:n, :h, :d, :s, :now) RETURNING id")
                .bind("n", name).bind("h", host).bind("d", display).bind("s", summary).bind("now", now).mapTo(Long.class).one();
    }

    /** Creates or refreshes a remote channel of an account, in the caller's transaction; returns its id. */
    public long upsertChannel(Handle h, String name, String host, long accountId, String display, String summary, String support, long now) {
        Optional<Long> id = h.createQuery("SELECT id FROM channels WHERE name = :n AND host = :h").bind("n", name).bind("h", host)
                .mapTo(Long.class).findOne();
        if (id.isPresent()) {
            h.createUpdate("UPDATE channels SET display_name = :d, description = :s, support = :sup, account_id = :a WHERE id = :id")
                    .bind("d", display).bind("s", summary).bind("sup", support).bind("a", accountId).bind("id", id.get()).execute();
            return id.get();
        }
        return h.createQuery("""
                INSERT INTO channels (account_id, name, host, display_name, description, support, created_at)
                VALUES (:a, :n, :h, :d, :s, :sup, :now) RETURNING id""")
                .bind("a", accountId).bind("n", name).bind("h", host).bind("d", display).bind("s", summary)
                .bind("sup", support).bind("now", now).mapTo(Long.class).one();
    }

    /** Deletes a remote account (never one of ours), in the caller's transaction; the schema's cascades take what hangs from it. */
    public void deleteAccount(Handle h, long accountId) {
        h.createUpdate("DELETE FROM accounts WHERE id = :id AND host IS NOT NULL").bind("id", accountId).execute();
    }

    /** Deletes a remote channel (never one of ours), in the caller's transaction. */
    public void deleteChannel(Handle h, long channelId) {
        h.createUpdate("DELETE FROM channels WHERE id = :id AND host IS NOT NULL").bind("id", channelId).execute();
    }
}

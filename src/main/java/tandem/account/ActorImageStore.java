package tandem.account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL of `actor_images`: the stored sizes of accounts' and channels' avatars and banners. */
public final class ActorImageStore {
    private static final String COLUMNS = "id, account_id, channel_id, kind, file_name, width, height, file_url, created_at, updated_at";

    private final Jdbi jdbi;

    public ActorImageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** An owner's images of one kind, largest first. */
    public List<ActorImage> of(ImageOwner owner, ActorImageKind kind) {
        return jdbi.withHandle(h -> of(h, owner, kind));
    }

    public List<ActorImage> of(Handle h, ImageOwner owner, ActorImageKind kind) {
        String column = owner.accountId() != null ? "account_id" : "channel_id";
        return h.createQuery("SELECT " + COLUMNS + " FROM actor_images WHERE " + column + " = :o AND kind = :k ORDER BY width DESC, id")
                .bind("o", owner.accountId() != null ? owner.accountId() : owner.channelId()).bind("k", kind.id)
                .map((rs, ctx) -> row(rs)).list();
    }

    /** The image served under this file name in its kind's folder. */
    public Optional<ActorImage> byFile(ActorImageKind kind, String fileName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM actor_images WHERE file_name = :f AND kind = :k")
                .bind("f", fileName).bind("k", kind.id).map((rs, ctx) -> row(rs)).findOne());
    }

    /** Removes an owner's images of one kind, in the caller's transaction; returns what was there (whose files must go). */
    public List<ActorImage> deleteAll(Handle h, ImageOwner owner, ActorImageKind kind) {
        List<ActorImage> old = of(h, owner, kind);
        for (ActorImage i : old) h.createUpdate("DELETE FROM actor_images WHERE id = :id").bind("id", i.id()).execute();
        return old;
    }

    public void insert(Handle h, ImageOwner owner, ActorImageKind kind, String fileName, int width, int height, String fileUrl, long now) {
        h.createUpdate("""
                INSERT INTO actor_images (account_id, channel_id, kind, file_name, width, height, file_url, created_at, updated_at)
                VALUES (:a, :c, :k, :f, :w, :h, :u, :now, :now)""")
                .bind("a", owner.accountId()).bind("c", owner.channelId()).bind("k", kind.id).bind("f", fileName)
                .bind("w", width).bind("h", height).bind("u", fileUrl).bind("now", now).execute();
    }

    private static ActorImage row(ResultSet rs) throws SQLException {
        long account = rs.getLong("account_id");
        ImageOwner owner = rs.wasNull() ? ImageOwner.channel(rs.getLong("channel_id")) : ImageOwner.account(account);
        return new ActorImage(rs.getLong("id"), owner, ActorImageKind.byId(rs.getString("kind")), rs.getString("file_name"),
                rs.getInt("width"), rs.getInt("height"), rs.getString("file_url"), rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}

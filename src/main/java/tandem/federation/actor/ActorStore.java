package tandem.federation.actor;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.core.Page;
import tandem.db.Rows;
import tandem.db.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import tandem.federation.vocab.ActorHandle;

/** SQL for actors and the follows between them. */
public final class ActorStore {
    private static final String COLUMNS = "id, url, type, username, host, is_local, account_id, channel_id, inbox, shared_inbox, outbox, followers, public_key_pem, private_key_pem, fetched_at";
    private static final RowMapper<Actor> ACTOR = (rs, ctx) -> actor(rs, "");

    private final Jdbi jdbi;

    public ActorStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private static Actor actor(ResultSet rs, String p) throws SQLException {
        return new Actor(rs.getLong(p + "id"), rs.getString(p + "url"), rs.getString(p + "type"), rs.getString(p + "username"),
                rs.getString(p + "host"), rs.getBoolean(p + "is_local"), Rows.longOrNull(rs, p + "account_id"),
                Rows.longOrNull(rs, p + "channel_id"), rs.getString(p + "inbox"), rs.getString(p + "shared_inbox"),
                rs.getString(p + "outbox"), rs.getString(p + "followers"), rs.getString(p + "public_key_pem"),
                rs.getString(p + "private_key_pem"), rs.getLong(p + "fetched_at"));
    }

    public Optional<Actor> byUrl(String url) {
        return jdbi.withHandle(h -> byUrl(h, url));
    }

    public Optional<Actor> byUrl(Handle h, String url) {
        return h.createQuery("SELECT " + COLUMNS + " FROM actors WHERE url = :u").bind("u", url).map(ACTOR).findOne();
    }

    public Optional<Actor> byId(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM actors WHERE id = :id").bind("id", id).map(ACTOR).findOne());
    }

    public Optional<Actor> byAccount(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM actors WHERE account_id = :a").bind("a", accountId).map(ACTOR).findOne());
    }

    public Optional<Actor> byChannel(long channelId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM actors WHERE channel_id = :c").bind("c", channelId).map(ACTOR).findOne());
    }

    /** A remote actor by `name@host` among those we already know. */
    public Optional<Actor> byHandle(ActorHandle handle) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM actors WHERE username = :n AND host = :h ORDER BY id LIMIT 1")
                .bind("n", handle.name()).bind("h", handle.host()).map(ACTOR).findOne());
    }

    /** The instance actor of `host` that this follower follows (or asked to follow). */
    public Optional<Actor> followedInstance(long followerId, String host) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.* FROM actor_follows f JOIN actors a ON a.id = f.target_id
                WHERE f.follower_id = :f AND a.host = :h AND a.type = 'Application'""")
                .bind("f", followerId).bind("h", host).map(ACTOR).findOne());
    }

    /** {@link #insertIfAbsent(Handle, Actor, long)} in a transaction of its own. */
    public Actor insertIfAbsent(Actor a, long now) {
        return jdbi.inTransaction(h -> insertIfAbsent(h, a, now));
    }

    /** Inserts an actor unless one with this URL exists (two threads may race to create ours); returns the stored one. */
    public Actor insertIfAbsent(Handle h, Actor a, long now) {
        Optional<Actor> existing = byUrl(h, a.url());
        if (existing.isPresent()) return existing.get();
        h.createUpdate("""
                INSERT INTO actors (url, type, username, host, is_local, account_id, channel_id, inbox, shared_inbox, outbox, followers,
                                    public_key_pem, private_key_pem, fetched_at, created_at)
                VALUES (:url, :type, :username, :host, :local, :account, :channel, :inbox, :shared, :outbox, :followers, :pub, :priv, :now, :now)
                ON CONFLICT (url) DO NOTHING""")
                .bind("url", a.url()).bind("type", a.type()).bind("username", a.username()).bind("host", a.host())
                .bind("local", a.local()).bind("account", a.accountId()).bind("channel", a.channelId()).bind("inbox", a.inbox())
                .bind("shared", a.sharedInbox()).bind("outbox", a.outbox()).bind("followers", a.followers())
                .bind("pub", a.publicKeyPem()).bind("priv", a.privateKeyPem()).bind("now", now).execute();
        return byUrl(h, a.url()).orElseThrow();
    }

    /** Refreshes what a remote actor's document says (key rotation, moved inbox). */
    public void updateRemote(Handle h, long id, Actor a, long now) {
        h.createUpdate("""
                UPDATE actors SET type = :type, username = :username, inbox = :inbox, shared_inbox = :shared, outbox = :outbox,
                                  followers = :followers, public_key_pem = :pub, account_id = :account, channel_id = :channel, fetched_at = :now
                WHERE id = :id AND is_local = FALSE""")
                .bind("type", a.type()).bind("username", a.username()).bind("inbox", a.inbox()).bind("shared", a.sharedInbox())
                .bind("outbox", a.outbox()).bind("followers", a.followers()).bind("pub", a.publicKeyPem())
                .bind("account", a.accountId()).bind("channel", a.channelId()).bind("now", now).bind("id", id).execute();
    }

    /** The URLs of the remote actors of an account's channels, in the caller's transaction. */
    public List<String> remoteChannelUrlsOf(Handle h, long accountId) {
        return h.createQuery("""
                SELECT a.url FROM actors a JOIN channels c ON c.id = a.channel_id
                WHERE c.account_id = :account AND a.is_local = FALSE""").bind("account", accountId).mapTo(String.class).list();
    }

    /**
     * Unties a local channel's actor from the channel about to be deleted, so the row (and its key,
     * which signs the actor's Delete) outlives the channel; returns its id, if the channel had one.
     */
    public Optional<Long> detachLocalChannel(Handle h, long channelId) {
        Optional<Long> id = h.createQuery("SELECT id FROM actors WHERE channel_id = :c AND is_local = TRUE").bind("c", channelId)
                .mapTo(Long.class).findOne();
        id.ifPresent(a -> h.createUpdate("UPDATE actors SET channel_id = NULL WHERE id = :a").bind("a", a).execute());
        return id;
    }

    /** Ties a local Group actor left by a deleted channel to a new channel of the same name (its URL is the same). */
    public void attachLocalChannel(Handle h, long actorId, long channelId) {
        h.createUpdate("UPDATE actors SET channel_id = :c WHERE id = :a AND is_local = TRUE AND channel_id IS NULL")
                .bind("c", channelId).bind("a", actorId).execute();
    }

    /** Forgets who followed an actor (a local one whose Delete just went out). */
    public void deleteFollowersOf(Handle h, long actorId) {
        h.createUpdate("DELETE FROM actor_follows WHERE target_id = :a").bind("a", actorId).execute();
    }

    /**
     * Deletes the local Group actors that deleted channels left behind once nothing they sent since
     * `before` remains to deliver; returns how many.
     */
    public int deleteDetachedLocalChannels(Handle h, long before) {
        return h.createUpdate("""
                DELETE FROM actors WHERE is_local = TRUE AND type = 'Group' AND channel_id IS NULL AND account_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM outbox_activities o WHERE o.actor_id = actors.id AND o.created_at >= :before)""")
                .bind("before", before).execute();
    }

    public void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM actors WHERE id = :id").bind("id", id).execute();
    }

    // --- follows ---

    private static final String FOLLOW_SELECT = """
            SELECT f.id AS f_id, f.state AS f_state, f.activity_url AS f_activity, f.created_at AS f_created,
                   a.id AS a_id, a.url AS a_url, a.type AS a_type, a.username AS a_username, a.host AS a_host, a.is_local AS a_is_local,
                   a.account_id AS a_account_id, a.channel_id AS a_channel_id, a.inbox AS a_inbox, a.shared_inbox AS a_shared_inbox,
                   a.outbox AS a_outbox, a.followers AS a_followers, a.public_key_pem AS a_public_key_pem, a.private_key_pem AS a_private_key_pem,
                   a.fetched_at AS a_fetched_at,
                   b.id AS b_id, b.url AS b_url, b.type AS b_type, b.username AS b_username, b.host AS b_host, b.is_local AS b_is_local,
                   b.account_id AS b_account_id, b.channel_id AS b_channel_id, b.inbox AS b_inbox, b.shared_inbox AS b_shared_inbox,
                   b.outbox AS b_outbox, b.followers AS b_followers, b.public_key_pem AS b_public_key_pem, b.private_key_pem AS b_private_key_pem,
                   b.fetched_at AS b_fetched_at
            FROM actor_follows f JOIN actors a ON a.id = f.follower_id JOIN actors b ON b.id = f.target_id""";
    private static final RowMapper<Follow> FOLLOW = (rs, ctx) -> new Follow(rs.getLong("f_id"), actor(rs, "a_"), actor(rs, "b_"),
            rs.getString("f_state"), rs.getString("f_activity"), rs.getLong("f_created"));

    /** Creates or refreshes a follow; an existing accepted follow stays accepted. */
    public void upsertFollow(Handle h, long followerId, long targetId, String state, String activityUrl, long now) {
        int updated = h.createUpdate("""
                UPDATE actor_follows SET activity_url = :act, updated_at = :now,
                       state = CASE WHEN state = 'accepted' THEN state ELSE :state END
                WHERE follower_id = :f AND target_id = :t""")
                .bind("act", activityUrl).bind("now", now).bind("state", state).bind("f", followerId).bind("t", targetId).execute();
        if (updated == 0) {
            h.createUpdate("""
                    INSERT INTO actor_follows (follower_id, target_id, state, activity_url, created_at, updated_at)
                    VALUES (:f, :t, :state, :act, :now, :now) ON CONFLICT (follower_id, target_id) DO NOTHING""")
                    .bind("f", followerId).bind("t", targetId).bind("state", state).bind("act", activityUrl).bind("now", now).execute();
        }
    }

    public Optional<Follow> follow(long followerId, long targetId) {
        return jdbi.withHandle(h -> h.createQuery(FOLLOW_SELECT + " WHERE f.follower_id = :f AND f.target_id = :t")
                .bind("f", followerId).bind("t", targetId).map(FOLLOW).findOne());
    }

    public boolean setFollowState(Handle h, long followerId, long targetId, String state, long now) {
        return h.createUpdate("UPDATE actor_follows SET state = :s, updated_at = :now WHERE follower_id = :f AND target_id = :t")
                .bind("s", state).bind("now", now).bind("f", followerId).bind("t", targetId).execute() > 0;
    }

    public boolean deleteFollow(Handle h, long followerId, long targetId) {
        return h.createUpdate("DELETE FROM actor_follows WHERE follower_id = :f AND target_id = :t")
                .bind("f", followerId).bind("t", targetId).execute() > 0;
    }

    /** Follows whose target is one of these actors (our followers), or whose follower is (whom we follow). */
    public List<Follow> follows(boolean ofTargets, Collection<Long> actorIds, int start, int count) {
        if (actorIds.isEmpty()) return List.of();
        return jdbi.withHandle(h -> h.createQuery(FOLLOW_SELECT + " WHERE " + (ofTargets ? "f.target_id" : "f.follower_id")
                        + " IN (<ids>) ORDER BY f.id DESC LIMIT :count OFFSET :start")
                .bindList("ids", List.copyOf(actorIds)).bind("count", count).bind("start", start).map(FOLLOW).list());
    }

    public long countFollows(boolean ofTargets, Collection<Long> actorIds, String state) {
        if (actorIds.isEmpty()) return 0;
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT COUNT(*) FROM actor_follows WHERE " + (ofTargets ? "target_id" : "follower_id") + " IN (<ids>)"
                    + (state == null ? "" : " AND state = :state")).bindList("ids", List.copyOf(actorIds));
            if (state != null) q.bind("state", state);
            return q.mapTo(Long.class).one();
        });
    }

    /** The distinct delivery inboxes of the remote actors that follow any of these actors (accepted follows only). */
    public List<String> followerInboxes(Handle h, Collection<Long> targetIds) {
        if (targetIds.isEmpty()) return List.of();
        return h.createQuery("""
                SELECT DISTINCT COALESCE(a.shared_inbox, a.inbox) FROM actor_follows f JOIN actors a ON a.id = f.follower_id
                WHERE f.target_id IN (<ids>) AND f.state = 'accepted' AND a.is_local = FALSE""")
                .bindList("ids", List.copyOf(targetIds)).mapTo(String.class).list();
    }

    /** Inboxes of the remote actors one actor follows (accepted or pending). */
    public List<String> followingInboxes(Handle h, long followerId) {
        return h.createQuery("""
                SELECT DISTINCT COALESCE(a.shared_inbox, a.inbox) FROM actor_follows f JOIN actors a ON a.id = f.target_id
                WHERE f.follower_id = :f AND a.is_local = FALSE""")
                .bind("f", followerId).mapTo(String.class).list();
    }

    /** URLs of the actors following one actor (accepted), for its `followers` collection. */
    public List<String> followerUrls(long targetId, int start, int count) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.url FROM actor_follows f JOIN actors a ON a.id = f.follower_id
                WHERE f.target_id = :t AND f.state = 'accepted' ORDER BY f.id LIMIT :count OFFSET :start""")
                .bind("t", targetId).bind("count", count).bind("start", start).mapTo(String.class).list());
    }

    public List<String> followingUrls(long followerId, int start, int count) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.url FROM actor_follows f JOIN actors a ON a.id = f.target_id
                WHERE f.follower_id = :t AND f.state = 'accepted' ORDER BY f.id LIMIT :count OFFSET :start""")
                .bind("t", followerId).bind("count", count).bind("start", start).mapTo(String.class).list());
    }

    /**
     * Accepted follows of these actors by actors of other instances whose name or host contains
     * `search` (when given): how many, and the first `limit` by follow date.
     */
    public Page<Follow> remoteFollows(Collection<Long> targetIds, String search, boolean newestFirst, int limit) {
        if (targetIds.isEmpty()) return new Page<>(0, List.of());
        String where = " WHERE f.target_id IN (<ids>) AND f.state = 'accepted' AND a.is_local = FALSE" + (search == null ? ""
                : " AND (LOWER(a.username) LIKE :search" + Sql.LIKE_ESCAPE + " OR LOWER(a.host) LIKE :search" + Sql.LIKE_ESCAPE + ")");
        return jdbi.withHandle(h -> {
            var count = h.createQuery("SELECT COUNT(*) FROM actor_follows f JOIN actors a ON a.id = f.follower_id" + where)
                    .bindList("ids", List.copyOf(targetIds));
            var rows = h.createQuery(FOLLOW_SELECT + where + " ORDER BY f.created_at " + (newestFirst ? "DESC" : "ASC") + " LIMIT :limit")
                    .bindList("ids", List.copyOf(targetIds)).bind("limit", limit);
            if (search != null) {
                count.bind("search", Sql.likeContains(search));
                rows.bind("search", Sql.likeContains(search));
            }
            return new Page<>(count.mapTo(Long.class).one(), rows.map(FOLLOW).list());
        });
    }

    /** Accepted followers of an actor that live on other instances (ours subscribe through `subscriptions`). */
    public long countRemoteFollowers(long targetId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM actor_follows f JOIN actors a ON a.id = f.follower_id
                WHERE f.target_id = :t AND f.state = 'accepted' AND a.is_local = FALSE""").bind("t", targetId).mapTo(Long.class).one());
    }

    /** Whether one of our actors follows (accepted) any actor of `host`. */
    public boolean anyLocalFollowsOn(String host) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM actor_follows f JOIN actors t ON t.id = f.target_id JOIN actors me ON me.id = f.follower_id
                WHERE t.host = :host AND f.state = 'accepted' AND me.is_local = TRUE""").bind("host", host).mapTo(Long.class).one()) > 0;
    }

    public boolean anyLocalFollows(long targetId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM actor_follows f JOIN actors a ON a.id = f.follower_id
                WHERE f.target_id = :t AND f.state = 'accepted' AND a.is_local = TRUE""").bind("t", targetId).mapTo(Long.class).one()) > 0;
    }
}

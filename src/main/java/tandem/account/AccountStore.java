package tandem.account;

import tandem.db.Rows;
import tandem.db.Sql;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for users, accounts, channels. */
public final class AccountStore {
    private static final String USER_COLUMNS = """
            u.id, u.username, u.email, u.role, u.video_quota, u.video_quota_daily, u.blocked, u.blocked_reason, u.nsfw_policy, u.created_at,
            u.p2p_enabled, u.auto_play_video, u.auto_play_next_video, u.video_languages, u.language, u.theme, u.email_verified, u.pending_email,
            a.id AS account_id, a.display_name AS account_display_name""";
    private static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getLong("id"), rs.getString("username"),
            rs.getString("email"), Role.byId(rs.getInt("role")), rs.getLong("video_quota"), rs.getLong("video_quota_daily"),
            rs.getBoolean("blocked"), rs.getString("blocked_reason"), rs.getString("nsfw_policy"), rs.getLong("created_at"), rs.getLong("account_id"),
            rs.getString("account_display_name"), new UserPreferences(rs.getString("nsfw_policy"), Rows.booleanOrNull(rs, "p2p_enabled"),
            rs.getBoolean("auto_play_video"), rs.getBoolean("auto_play_next_video"), languages(rs.getString("video_languages")),
            rs.getString("language"), rs.getString("theme")), Rows.booleanOrNull(rs, "email_verified"), rs.getString("pending_email"));
    private static final String CHANNEL_COLUMNS = """
            c.id, c.name, c.host, c.display_name, c.description, c.support, c.created_at,
            a.id AS a_id, a.user_id AS a_user_id, a.name AS a_name, a.host AS a_host, a.display_name AS a_display_name,
            a.description AS a_description, a.created_at AS a_created_at""";
    private static final RowMapper<Channel> CHANNEL = (rs, ctx) -> new Channel(rs.getLong("id"), rs.getString("name"),
            rs.getString("host"), rs.getString("display_name"), rs.getString("description"), rs.getString("support"),
            rs.getLong("created_at"), new Account(rs.getLong("a_id"), Rows.longOrNull(rs, "a_user_id"),
            rs.getString("a_name"), rs.getString("a_host"), rs.getString("a_display_name"), rs.getString("a_description"),
            rs.getLong("a_created_at")));
    private static final RowMapper<Account> ACCOUNT = (rs, ctx) -> new Account(rs.getLong("id"),
            Rows.longOrNull(rs, "user_id"), rs.getString("name"), rs.getString("host"),
            rs.getString("display_name"), rs.getString("description"), rs.getLong("created_at"));

    private final Jdbi jdbi;

    public AccountStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insertUser(Handle h, String username, String email, String hash, Role role, long quota, long quotaDaily, Boolean p2p,
                           String language, long now) {
        return h.createQuery("""
                INSERT INTO users (username, email, password_hash, role, video_quota, video_quota_daily, p2p_enabled, language, created_at)
                VALUES (:u, :e, :h, :r, :q, :qd, :p2p, :lang, :now) RETURNING id""")
                .bind("u", username).bind("e", email).bind("h", hash).bind("r", role.id)
                .bind("q", quota).bind("qd", quotaDaily).bind("p2p", p2p).bind("lang", language).bind("now", now).mapTo(Long.class).one();
    }

    /** Writes a user's own settings, all of them (the caller merged the unchanged ones in). */
    public void setPreferences(Handle h, long userId, UserPreferences p) {
        h.createUpdate("""
                UPDATE users SET nsfw_policy = :nsfw, p2p_enabled = :p2p, auto_play_video = :apv, auto_play_next_video = :apnv,
                video_languages = :vl, language = :lang, theme = :theme WHERE id = :id""")
                .bind("nsfw", p.nsfwPolicy()).bind("p2p", p.p2pEnabled()).bind("apv", p.autoPlayVideo()).bind("apnv", p.autoPlayNextVideo())
                .bind("vl", p.videoLanguages() == null ? null : String.join(",", p.videoLanguages())).bind("lang", p.language())
                .bind("theme", p.theme()).bind("id", userId).execute();
    }

    public void setEmail(Handle h, long userId, String email) {
        h.createUpdate("UPDATE users SET email = :e WHERE id = :id").bind("e", email).bind("id", userId).execute();
    }

    /** Whether the address is verified: null (nothing asked), false (waiting for the link) or true. */
    public void setEmailVerified(Handle h, long userId, Boolean verified) {
        h.createUpdate("UPDATE users SET email_verified = :v WHERE id = :id").bind("v", verified).bind("id", userId).execute();
    }

    /** A new address that waits for its owner to follow the link sent to it; null clears it. */
    public void setPendingEmail(Handle h, long userId, String email) {
        h.createUpdate("UPDATE users SET pending_email = :e WHERE id = :id").bind("e", email).bind("id", userId).execute();
    }

    /** Confirms the pending address: it becomes the user's address, verified. */
    public void confirmPendingEmail(Handle h, long userId) {
        h.createUpdate("UPDATE users SET email = pending_email, pending_email = NULL, email_verified = :t WHERE id = :id AND pending_email IS NOT NULL")
                .bind("t", true).bind("id", userId).execute();
    }

    /** The user with this e-mail address, compared without case as addresses are typed. */
    public Optional<User> userByEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users u JOIN accounts a ON a.user_id = u.id WHERE LOWER(u.email) = :e")
                .bind("e", email.toLowerCase(java.util.Locale.ROOT)).map(USER).findOne());
    }

    private static List<String> languages(String stored) {
        return stored == null || stored.isEmpty() ? null : List.of(stored.split(","));
    }

    public long insertAccount(Handle h, Long userId, String name, String displayName, long now) {
        return h.createQuery("INSERT INTO accounts (user_id, name, display_name, created_at) VALUES (:uid, :n, :d, :now) RETURNING id")
                .bind("uid", userId).bind("n", name).bind("d", displayName).bind("now", now).mapTo(Long.class).one();
    }

    public long channelCount(Handle h, long accountId) {
        return h.createQuery("SELECT COUNT(*) FROM channels WHERE account_id = :a").bind("a", accountId).mapTo(Long.class).one();
    }

    public boolean channelHasVideos(Handle h, long channelId) {
        return h.createQuery("SELECT COUNT(*) FROM videos WHERE channel_id = :c").bind("c", channelId).mapTo(Long.class).one() > 0;
    }

    /** Deletes a channel row; its subscriptions and followers go with it (ON DELETE CASCADE). */
    public void deleteChannel(Handle h, long channelId) {
        h.createUpdate("DELETE FROM channels WHERE id = :c").bind("c", channelId).execute();
    }

    public long insertChannel(Handle h, long accountId, String name, String displayName, long now) {
        return h.createQuery("INSERT INTO channels (account_id, name, display_name, created_at) VALUES (:a, :n, :d, :now) RETURNING id")
                .bind("a", accountId).bind("n", name).bind("d", displayName).bind("now", now).mapTo(Long.class).one();
    }

    /** The instance actor's name (PeerTube's): no account or channel may take it. */
    public static final String INSTANCE_ACTOR = "peertube";

    /** Local account and channel names share one namespace, as actor names do in ActivityPub. */
    public boolean actorNameTaken(Handle h, String name) {
        if (INSTANCE_ACTOR.equalsIgnoreCase(name)) return true;
        return h.createQuery("SELECT (SELECT COUNT(*) FROM accounts WHERE name = :n AND host IS NULL) + (SELECT COUNT(*) FROM channels WHERE name = :n AND host IS NULL)")
                .bind("n", name).mapTo(Long.class).one() > 0;
    }

    public boolean userExists(Handle h, String username, String email) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u OR email = :e")
                .bind("u", username).bind("e", email).mapTo(Long.class).one() > 0;
    }

    public Optional<User> userById(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.id = :id")
                .bind("id", id).map(USER).findOne());
    }

    public Optional<User> userByName(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.username = :u")
                .bind("u", username).map(USER).findOne());
    }

    public Optional<String> passwordHash(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", userId).mapTo(String.class).findOne());
    }

    public void setPasswordHash(long userId, String hash) {
        jdbi.useHandle(h -> setPasswordHash(h, userId, hash));
    }

    public void setPasswordHash(Handle h, long userId, String hash) {
        h.createUpdate("UPDATE users SET password_hash = :h WHERE id = :id").bind("h", hash).bind("id", userId).execute();
    }

    public List<User> users(UserQuery q) {
        String order = UserQuery.SORT_COLUMNS.get(q.page().sortField()) + (q.page().descending() ? " DESC" : " ASC") + ", u.id";
        return jdbi.withHandle(h -> filtered(h, "SELECT " + USER_COLUMNS + " FROM users u JOIN accounts a ON a.user_id = u.id",
                q, " ORDER BY " + order + " LIMIT :c OFFSET :s").bind("c", q.page().count()).bind("s", q.page().start()).map(USER).list());
    }

    public long countUsers(UserQuery q) {
        return jdbi.withHandle(h -> filtered(h, "SELECT COUNT(*) FROM users u", q, "").mapTo(Long.class).one());
    }

    /** `search` matches a part of the username or email, case-insensitively, with LIKE's wildcards taken literally. */
    private static Query filtered(Handle h, String select, UserQuery q, String tail) {
        StringBuilder sql = new StringBuilder(select).append(" WHERE 1 = 1");
        if (q.search() != null) sql.append(" AND (LOWER(u.username) LIKE :search" + Sql.LIKE_ESCAPE + " OR LOWER(u.email) LIKE :search" + Sql.LIKE_ESCAPE + ")");
        if (q.blocked() != null) sql.append(" AND u.blocked = :blocked");
        Query query = h.createQuery(sql + tail);
        if (q.search() != null) query.bind("search", Sql.likeContains(q.search()));
        if (q.blocked() != null) query.bind("blocked", q.blocked());
        return query;
    }

    public long countUsers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    public boolean emailTaken(Handle h, String email, long exceptUserId) {
        return h.createQuery("SELECT COUNT(*) FROM users WHERE email = :e AND id <> :id")
                .bind("e", email).bind("id", exceptUserId).mapTo(Long.class).one() > 0;
    }

    /** Applies the non-null fields of an admin's edit; the password arrives already hashed. */
    public void updateUser(Handle h, long id, UserUpdate u, String passwordHash) {
        Map<String, Object> set = new LinkedHashMap<>();
        if (u.email() != null) set.put("email", u.email());
        if (passwordHash != null) set.put("password_hash", passwordHash);
        if (u.role() != null) set.put("role", u.role().id);
        if (u.videoQuota() != null) set.put("video_quota", u.videoQuota());
        if (u.videoQuotaDaily() != null) set.put("video_quota_daily", u.videoQuotaDaily());
        Sql.updateById(h, "users", set, id);
    }

    public void setBlocked(Handle h, long id, boolean blocked, String reason) {
        h.createUpdate("UPDATE users SET blocked = :b, blocked_reason = :r WHERE id = :id")
                .bind("b", blocked).bind("r", reason).bind("id", id).execute();
    }

    /** Deletes a user; the schema cascades to its account, channels, videos, tokens, playlists and the rest. */
    public void deleteUser(Handle h, long id) {
        h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute();
    }

    public void updateAccount(Handle h, long accountId, String displayName, String description) {
        h.createUpdate("UPDATE accounts SET display_name = :d, description = :desc WHERE id = :id AND host IS NULL")
                .bind("d", displayName).bind("desc", description).bind("id", accountId).execute();
    }

    public void updateChannel(Handle h, long channelId, String displayName, String description, String support) {
        h.createUpdate("UPDATE channels SET display_name = :d, description = :desc, support = :s WHERE id = :id AND host IS NULL")
                .bind("d", displayName).bind("desc", description).bind("s", support).bind("id", channelId).execute();
    }

    public List<Channel> channelsOfAccount(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CHANNEL_COLUMNS + " FROM channels c JOIN accounts a ON a.id = c.account_id WHERE a.id = :id ORDER BY c.id")
                .bind("id", accountId).map(CHANNEL).list());
    }

    public Optional<Channel> channelById(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CHANNEL_COLUMNS + " FROM channels c JOIN accounts a ON a.id = c.account_id WHERE c.id = :id")
                .bind("id", id).map(CHANNEL).findOne());
    }

    public Optional<Channel> localChannelByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CHANNEL_COLUMNS + " FROM channels c JOIN accounts a ON a.id = c.account_id WHERE c.name = :n AND c.host IS NULL")
                .bind("n", name).map(CHANNEL).findOne());
    }

    public Optional<Channel> remoteChannelByName(String name, String host) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CHANNEL_COLUMNS + " FROM channels c JOIN accounts a ON a.id = c.account_id WHERE c.name = :n AND c.host = :h")
                .bind("n", name).bind("h", host).map(CHANNEL).findOne());
    }

    /** Channels, ours and known remote ones, whose name or display name contains `text` (any case). */
    public java.util.List<Channel> searchChannels(String text, int limit) {
        // '!' escapes LIKE's wildcards: a backslash would be taken for an escaped quote by Jdbi's SQL parser.
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CHANNEL_COLUMNS + """
                 FROM channels c JOIN accounts a ON a.id = c.account_id
                WHERE LOWER(c.name) LIKE :p ESCAPE '!' OR LOWER(c.display_name) LIKE :p ESCAPE '!'
                ORDER BY c.host IS NOT NULL, c.name LIMIT :limit""")
                .bind("p", pattern).bind("limit", limit).map(CHANNEL).list());
    }

    public Optional<Account> localAccountByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE name = :n AND host IS NULL").bind("n", name).map(ACCOUNT).findOne());
    }

    public Optional<Account> remoteAccountByName(String name, String host) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE name = :n AND host = :h").bind("n", name).bind("h", host).map(ACCOUNT).findOne());
    }

    public Optional<Account> accountById(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE id = :id").bind("id", id).map(ACCOUNT).findOne());
    }
}

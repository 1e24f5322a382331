package tandem.account;

import tandem.db.Rows;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.util.List;
import java.util.Optional;

/** SQL for users, accounts, channels. */
public final class AccountStore {
    private static final String USER_COLUMNS = """
            u.id, u.username, u.email, u.role, u.video_quota, u.video_quota_daily, u.blocked, u.nsfw_policy, u.created_at,
            a.id AS account_id, a.display_name AS account_display_name""";
    private static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getLong("id"), rs.getString("username"),
            rs.getString("email"), Role.byId(rs.getInt("role")), rs.getLong("video_quota"), rs.getLong("video_quota_daily"),
            rs.getBoolean("blocked"), rs.getString("nsfw_policy"), rs.getLong("created_at"), rs.getLong("account_id"),
            rs.getString("account_display_name"));
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

    public long insertUser(Handle h, String username, String email, String hash, Role role, long quota, long quotaDaily, long now) {
        return h.createQuery("""
                INSERT INTO users (username, email, password_hash, role, video_quota, video_quota_daily, created_at)
                VALUES (:u, :e, :h, :r, :q, :qd, :now) RETURNING id""")
                .bind("u", username).bind("e", email).bind("h", hash).bind("r", role.id)
                .bind("q", quota).bind("qd", quotaDaily).bind("now", now).mapTo(Long.class).one();
    }

    public long insertAccount(Handle h, Long userId, String name, String displayName, long now) {
        return h.createQuery("INSERT INTO accounts (user_id, name, display_name, created_at) VALUES (:uid, :n, :d, :now) RETURNING id")
                .bind("uid", userId).bind("n", name).bind("d", displayName).bind("now", now).mapTo(Long.class).one();
    }

    public long insertChannel(Handle h, long accountId, String name, String displayName, long now) {
        return h.createQuery("INSERT INTO channels (account_id, name, display_name, created_at) VALUES (:a, :n, :d, :now) RETURNING id")
                .bind("a", accountId).bind("n", name).bind("d", displayName).bind("now", now).mapTo(Long.class).one();
    }

    /** Local account and channel names share one namespace, as actor names do in ActivityPub. */
    public boolean actorNameTaken(Handle h, String name) {
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
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :h WHERE id = :id").bind("h", hash).bind("id", userId).execute());
    }

    public List<User> users(int start, int count) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users u JOIN accounts a ON a.user_id = u.id ORDER BY u.id LIMIT :c OFFSET :s")
                .bind("c", count).bind("s", start).map(USER).list());
    }

    public long countUsers() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
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

    public Optional<Account> localAccountByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE name = :n AND host IS NULL").bind("n", name).map(ACCOUNT).findOne());
    }

    public Optional<Account> accountById(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE id = :id").bind("id", id).map(ACCOUNT).findOne());
    }
}

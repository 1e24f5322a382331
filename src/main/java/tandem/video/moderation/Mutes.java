package tandem.video.moderation;

import org.jdbi.v3.core.Jdbi;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.core.Page;
import tandem.core.Problem;
import tandem.video.NotificationStore;

import java.time.Clock;
import java.util.List;

/**
 * What one user muted (PeerTube's `/users/me/blocklist`): accounts and whole servers whose videos and
 * comments that user no longer sees, and who no longer notify them (`tandem.video.Muting` is how every list
 * and notification reads V29's tables). Muting forgets the notifications of the muted ones' comments, as PeerTube.
 */
public final class Mutes {
    private final Jdbi jdbi;
    private final AccountService accounts;
    private final NotificationStore notifications;
    private final Clock clock;

    public Mutes(Jdbi jdbi, AccountService accounts, NotificationStore notifications, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** A muted account, or a muted server (`account` null), since `createdAt`. */
    public record Muted(Account account, String host, long createdAt) {}

    public void muteAccount(long by, Account target) {
        if (target.id() == by) throw Problem.badRequest("You cannot mute yourself");
        jdbi.useHandle(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM account_mutes WHERE account_id = :a AND target_account_id = :t").bind("a", by).bind("t", target.id())
                    .mapTo(Long.class).one() > 0) throw Problem.conflict("This account is already muted");
            h.createUpdate("INSERT INTO account_mutes (account_id, target_account_id, created_at) VALUES (:a, :t, :now)")
                    .bind("a", by).bind("t", target.id()).bind("now", clock.millis()).execute();
        });
        notifications.forgetCommentsOfAccount(by, target.id());
    }

    public void unmuteAccount(long by, Account target) {
        int n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM account_mutes WHERE account_id = :a AND target_account_id = :t")
                .bind("a", by).bind("t", target.id()).execute());
        if (n == 0) throw Problem.notFound("This account is not muted");
    }

    public void muteServer(long by, String host) {
        jdbi.useHandle(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM server_mutes WHERE account_id = :a AND host = :h").bind("a", by).bind("h", host)
                    .mapTo(Long.class).one() > 0) throw Problem.conflict("This server is already muted");
            h.createUpdate("INSERT INTO server_mutes (account_id, host, created_at) VALUES (:a, :h, :now)")
                    .bind("a", by).bind("h", host).bind("now", clock.millis()).execute();
        });
        notifications.forgetCommentsOfServer(by, host);
    }

    public void unmuteServer(long by, String host) {
        int n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM server_mutes WHERE account_id = :a AND host = :h").bind("a", by).bind("h", host).execute());
        if (n == 0) throw Problem.notFound("This server is not muted");
    }

    public Page<Muted> accounts(long by, int start, int count) {
        List<Muted> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT target_account_id, created_at FROM account_mutes WHERE account_id = :a ORDER BY created_at DESC, target_account_id DESC
                LIMIT :c OFFSET :s""").bind("a", by).bind("c", count).bind("s", start)
                .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).list())
                .stream().flatMap(r -> accounts.account(r[0]).map(a -> new Muted(a, a.host(), r[1])).stream()).toList();
        long total = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account_mutes WHERE account_id = :a").bind("a", by).mapTo(Long.class).one());
        return new Page<>(total, rows);
    }

    public Page<Muted> servers(long by, int start, int count) {
        List<Muted> rows = jdbi.withHandle(h -> h.createQuery("""
                SELECT host, created_at FROM server_mutes WHERE account_id = :a ORDER BY created_at DESC, host LIMIT :c OFFSET :s""")
                .bind("a", by).bind("c", count).bind("s", start).map((rs, ctx) -> new Muted(null, rs.getString(1), rs.getLong(2))).list());
        long total = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM server_mutes WHERE account_id = :a").bind("a", by).mapTo(Long.class).one());
        return new Page<>(total, rows);
    }
}

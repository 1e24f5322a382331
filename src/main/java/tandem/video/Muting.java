package tandem.video;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whose content is hidden, as SQL (PeerTube's account and server blocklists): the instance's blocklist
 * (V8's `account_blocks`, `server_blocks`, the admin's `/server/blocklist`) always, plus the mutes (V29's
 * `account_mutes`, `server_mutes`, each user's `/users/me/blocklist`) of the accounts named as muters:
 * the signed-in viewer, and for comments the video's owner. Every list that hides muted content builds
 * its condition here, so that the rule lives in one place.
 *
 * <p>A muter is an SQL expression for an account id written by our code: a number from our own rows
 * (never the client's text), a column of the enclosing query, or a scalar subquery on bound parameters.
 */
public final class Muting {
    private static final Muting INSTANCE = new Muting(List.of());

    private final List<String> muters;

    private Muting(List<String> muters) {
        this.muters = muters;
    }

    /** The instance's blocklist alone: what an anonymous visitor is spared. */
    public static Muting instance() {
        return INSTANCE;
    }

    /** The instance's blocklist and, when signed in, the viewer's mutes. */
    public static Muting seenBy(Long viewerAccountId) {
        return viewerAccountId == null ? INSTANCE : INSTANCE.and(String.valueOf(viewerAccountId));
    }

    /** These mutes plus those of one more account (an SQL expression for its id, see the class comment). */
    public Muting and(String muterAccountId) {
        return new Muting(Stream.concat(muters.stream(), Stream.of(muterAccountId)).toList());
    }

    private String muterList() {
        return muters.stream().collect(Collectors.joining(", "));
    }

    /** The muted servers' hosts. */
    public String hosts() {
        return "SELECT host FROM server_blocks" + (muters.isEmpty() ? "" : " UNION SELECT host FROM server_mutes WHERE account_id IN (" + muterList() + ")");
    }

    /** The accounts muted by name (those of muted servers are in {@link #hosts}). */
    public String accounts() {
        return "SELECT account_id FROM account_blocks"
                + (muters.isEmpty() ? "" : " UNION SELECT target_account_id FROM account_mutes WHERE account_id IN (" + muterList() + ")");
    }

    /** The ids of the channels whose videos are hidden: those of muted servers (V15's index on host) and of muted accounts. */
    public String channels() {
        return "SELECT id FROM channels WHERE host IN (" + hosts() + ") UNION SELECT id FROM channels WHERE account_id IN (" + accounts() + ")";
    }

    /**
     * True for an account that is hidden, given the columns of its id and host in the enclosing query
     * (a local account's host is NULL, which must not make the whole test NULL).
     */
    public String hides(String accountIdColumn, String hostColumn) {
        return "(" + accountIdColumn + " IN (" + accounts() + ") OR (" + hostColumn + " IS NOT NULL AND " + hostColumn + " IN (" + hosts() + ")))";
    }

    /** True for an account that is shown: {@link #hides} negated. */
    public String shows(String accountIdColumn, String hostColumn) {
        return "NOT " + hides(accountIdColumn, hostColumn);
    }
}

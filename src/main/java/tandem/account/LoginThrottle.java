package tandem.account;

import tandem.core.Problem;
import tandem.core.SlidingWindowLimiter;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Bounds password guessing: failed logins are counted per client address and per account (all
 * addresses together), and when either budget is spent the next login is refused with a 429 until
 * old failures leave the window, whatever the password: otherwise a guesser with many addresses
 * would still get every guess checked. A locked account stays locked for one window at most after
 * the last failure, and its owner keeps the sessions already open (refresh grants are not counted).
 *
 * <p>Successes cost nothing, so people behind one proxy or NAT are not refused for logging in often.
 * A success clears its account's failures (only someone with the password can do that) but not its
 * address's: a guesser holding one account must not reset its own budget between guesses at others.
 */
public final class LoginThrottle {
    private final SlidingWindowLimiter perAddress;
    private final SlidingWindowLimiter perAccount;

    public LoginThrottle(int failuresPerAddress, int failuresPerAccount, Duration window, Clock clock) {
        this.perAddress = new SlidingWindowLimiter(failuresPerAddress, window, clock);
        this.perAccount = new SlidingWindowLimiter(failuresPerAccount, window, clock);
    }

    /**
     * Counts this login as a failure before the password is checked, or refuses it when a budget is
     * spent. Counting first means parallel guesses cannot all pass before one has failed;
     * {@link #succeeded} takes the count back.
     */
    void begin(InetAddress client, String username) {
        String address = addressKey(client);
        if (!perAddress.tryAcquire(address)) throw refused(perAddress.retryAfterSeconds(address));
        Optional<String> account = accountKey(username);
        if (account.isPresent() && !perAccount.tryAcquire(account.get())) {
            perAddress.refund(address);
            throw refused(perAccount.retryAfterSeconds(account.get()));
        }
    }

    /** The password was right: this login was no failure, and the account's past failures are forgiven. */
    void succeeded(InetAddress client, String username) {
        perAddress.refund(addressKey(client));
        accountKey(username).ifPresent(perAccount::forget);
    }

    /** The same words whichever budget is spent, and for known and unknown accounts alike. */
    private static Problem refused(long retryAfterSeconds) {
        return Problem.tooManyRequests("Too many failed logins, please try again in " + retryAfterSeconds + " s.", retryAfterSeconds);
    }

    /** IPv6 clients count per /64: one host usually holds a whole /64, and it would otherwise get 2^64 budgets. */
    static String addressKey(InetAddress client) {
        if (!(client instanceof Inet6Address)) return client.getHostAddress();
        byte[] prefix = new byte[8];
        System.arraycopy(client.getAddress(), 0, prefix, 0, 8);
        return HexFormat.of().formatHex(prefix) + "::/64";
    }

    /**
     * Accounts count by username as logins look them up (lower case). A name no account can have is
     * not counted per account: the address budget covers it, and arbitrary names cannot fill memory.
     */
    private static Optional<String> accountKey(String username) {
        if (username == null) return Optional.empty();
        String name = username.toLowerCase(Locale.ROOT);
        return UserRules.validUsername(name) ? Optional.of(name) : Optional.empty();
    }
}

package tandem.account;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Database;
import tandem.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed login costs one bcrypt check whether or not the user exists, so its time does not tell
 * who has an account here. Counted through the hasher's seam; the measured times are only logged.
 */
class LoginTimingTest {
    private static final Logger log = LoggerFactory.getLogger(LoginTimingTest.class);
    private static Path dir;
    private static String url;
    private static Database db;
    /** The hashes bcrypt was asked to check, one per verification. */
    private static final List<String> checked = new ArrayList<>();
    private static AccountService accounts;

    @BeforeAll
    static void open() throws IOException {
        dir = Files.createTempDirectory("tandem-login-timing-");
        url = TestDatabase.newDatabaseUrl(dir);
        db = Database.open(url);
        PasswordHasher real = new PasswordHasher(4);
        PasswordHasher counting = new PasswordHasher(4, (password, hash) -> {
            synchronized (checked) {
                checked.add(hash);
            }
            return real.matches(new String(password), hash);
        });
        accounts = service(counting);
        accounts.create(new NewUser("ann", "ann-password", "ann@example.org", Role.USER, null, null, null));
        User blocked = accounts.create(new NewUser("bea", "bea-password", "bea@example.org", Role.USER, null, null, null));
        db.transactions().useTransaction(h -> new AccountStore(db.jdbi()).setBlocked(h, blocked.id(), true, "spam"));
    }

    @AfterAll
    static void close() throws IOException {
        db.close();
        TestDatabase.drop(url);
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static AccountService service(PasswordHasher hasher) {
        return new AccountService(db.transactions(), new AccountStore(db.jdbi()), hasher, Clock.systemUTC(), () -> new UserDefaults(-1, -1, true));
    }

    /** The hashes one login attempt had bcrypt check. */
    private static List<String> checksOf(AccountService service, String username, String password) {
        synchronized (checked) {
            checked.clear();
        }
        service.checkPassword(username, password);
        synchronized (checked) {
            return List.copyOf(checked);
        }
    }

    private static String costOf(String bcryptHash) {
        return bcryptHash.substring(0, 7); // "$2a$04$": version and cost
    }

    @Test
    void every_failed_login_runs_one_bcrypt_check_at_the_users_cost() {
        String annsHash = checksOf(accounts, "ann", "wrong-password").getFirst();
        String longPassword = "x".repeat(73);
        for (String[] attempt : new String[][] {
                {"nobody", "wrong-password"}, {null, "wrong-password"}, {"ann", null}, {"nobody", null},
                {"ann", longPassword}, {"nobody", longPassword}, {"bea", "wrong-password"}, {"bea", "bea-password"}}) {
            List<String> hashes = checksOf(accounts, attempt[0], attempt[1]);
            assertThat(hashes).as("bcrypt checks for %s", Arrays.toString(attempt)).hasSize(1);
            assertThat(costOf(hashes.getFirst())).as("cost of the hash checked for %s", Arrays.toString(attempt))
                    .isEqualTo(costOf(annsHash));
        }
        assertThat(accounts.checkPassword("ANN", "ann-password")).as("the right password still opens").isPresent();
        assertThat(accounts.checkPassword("nobody", "ann-password")).isEmpty();
    }

    /** The real figure at production cost, for the log only: CI machines are too noisy to assert times. */
    @Test
    void the_time_of_a_failed_login_is_logged_for_known_and_unknown_users() {
        AccountService production = service(new PasswordHasher(10));
        production.create(new NewUser("cid", "cid-password", "cid@example.org", Role.USER, null, null, null));
        long[] known = new long[11];
        long[] unknown = new long[11];
        for (int i = 0; i < known.length; i++) {
            // Alternating which goes first, so a warming JIT or a busy neighbour favours neither.
            if (i % 2 == 0) known[i] = timeOf(production, "cid");
            unknown[i] = timeOf(production, "nobody" + i);
            if (i % 2 == 1) known[i] = timeOf(production, "cid");
        }
        log.info("median failed login: known user {} ms, unknown user {} ms", median(known), median(unknown));
    }

    private static long timeOf(AccountService service, String username) {
        long start = System.nanoTime();
        service.checkPassword(username, "wrong-password");
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

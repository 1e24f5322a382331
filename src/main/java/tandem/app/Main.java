package tandem.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import tandem.account.AccountService;
import tandem.account.AccountStore;
import tandem.account.PasswordHasher;
import tandem.core.Config;
import tandem.db.Database;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Command line: `start` runs the server; `admin reset-password <user> <password>` fixes a login. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger("tandem");

    private Main() {}

    /**
     * Carriers for virtual threads: more than the database pool has connections. A thread waiting
     * for SQLite's write lock waits inside native code and keeps its carrier; with fewer carriers
     * than connections (one on a 1-CPU host), the thread that holds the lock may get none and
     * everyone waits for the 15 s busy timeout. Set before the first virtual thread starts.
     */
    static final String CARRIERS = "16";

    public static void main(String[] args) throws Exception {
        if (System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            System.setProperty("jdk.virtualThreadScheduler.parallelism", CARRIERS);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        String command = args.length == 0 ? "start" : args[0];
        Config config = Config.load(System.getenv());
        switch (command) {
            case "start" -> start(config);
            case "admin" -> admin(config, args);
            default -> {
                log.error("unknown command '{}'; use: start | admin reset-password <username> <password>", command);
                System.exit(2);
            }
        }
    }

    private static void start(Config config) throws Exception {
        App app;
        try {
            app = App.start(config);
        } catch (Throwable t) {
            // Half-started listeners are not daemons: without an explicit exit this process would live on, serving nothing.
            log.error("Tandem could not start: {}", t.toString(), t);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private static void admin(Config config, String[] args) {
        if (args.length < 4 || !"reset-password".equals(args[1])) {
            log.error("usage: admin reset-password <username> <new-password>");
            System.exit(2);
        }
        try (Database db = Database.open(config.databaseUrl())) {
            AccountService accounts = new AccountService(db.transactions(), new AccountStore(db.jdbi()), new PasswordHasher(10),
                    Clock.systemUTC(), () -> new tandem.account.UserDefaults(config.defaultVideoQuota(), config.defaultVideoQuotaDaily(), true));
            accounts.resetPassword(args[2], args[3]);
            log.info("password of '{}' changed", args[2]);
        } catch (tandem.core.Problem p) {
            log.error("cannot reset the password: {}", p.getMessage());
            System.exit(1);
        }
    }
}

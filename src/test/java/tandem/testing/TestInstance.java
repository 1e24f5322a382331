package tandem.testing;

import tandem.app.App;
import tandem.core.Config;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real Tandem (the production App wiring) on a free loopback port with a temp data folder.
 * Tests wait on "job queue idle", never on sleeps.
 */
public final class TestInstance implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "admin-password-1";

    private final Path dataDir;
    private final String databaseUrl;
    private final Map<String, String> settings;
    /** Shared by every start of this instance, so a restart does not turn time back. */
    private final TestClock clock = new TestClock();
    private App app;

    private TestInstance(Path dataDir, String databaseUrl, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.databaseUrl = databaseUrl;
        this.settings = settings;
    }

    public static TestInstance start() {
        return start(Map.of());
    }

    /** Starts with extra settings, keyed like environment variables without the TANDEM_ prefix (e.g. "video_quota"). */
    public static TestInstance start(Map<String, String> extra) {
        TestInstance t = prepare(extra);
        t.restartApp();
        return t;
    }

    /** Prepares data folder, database and settings without starting the app (e.g. to run it as a child process). */
    public static TestInstance prepare(Map<String, String> extra) {
        try {
            Path dir = Files.createTempDirectory("tandem-test-");
            int port = freePort();
            Map<String, String> s = new HashMap<>();
            s.put("port", String.valueOf(port));
            s.put("bind_host", "127.0.0.1");
            s.put("public_url", "http://localhost:" + port);
            s.put("data_dir", dir.toString());
            s.put("database_url", TestDatabase.newDatabaseUrl(dir));
            s.put("admin_password", ADMIN_PASSWORD);
            s.put("job_lease_seconds", "5");
            // JavaCPP extracts ffmpeg once per JVM: every instance of a test JVM shares that folder.
            s.put("ffmpeg_cache_dir", Path.of(System.getProperty("java.io.tmpdir"), "tandem-javacpp").toString());
            s.putAll(extra);
            return new TestInstance(dir, s.get("database_url"), s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Config config() {
        Properties p = new Properties();
        p.putAll(settings);
        return Config.fromProperties(p);
    }

    /** Environment for a child process running the same instance (crash tests). */
    public Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        settings.forEach((k, v) -> env.put("TANDEM_" + k.toUpperCase(java.util.Locale.ROOT), v));
        return env;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public App app() { return app; }
    /** The app's clock: advance it instead of sleeping for windows, caches and delays measured by the app. */
    public TestClock clock() { return clock; }
    public Path dataDir() { return dataDir; }
    public String baseUrl() { return "http://localhost:" + settings.get("port"); }

    public TestClient client() {
        return new TestClient(baseUrl());
    }

    /** Logs in as the admin created at first start. */
    public TestClient admin() {
        return client().login("root", ADMIN_PASSWORD);
    }

    /** Creates a plain user (password `<name>-password`, channel `<name>_channel`) through the admin API and logs it in. */
    public TestClient newUser(String name) {
        TestClient.Response r = admin().postJson("/api/v1/users",
                java.util.Map.of("username", name, "password", name + "-password", "email", name + "@example.org", "role", 2));
        if (r.status() != 200) throw new AssertionError("creating user " + name + ": " + r.text());
        return client().login(name, name + "-password");
    }

    /** Waits until no job is due or running (a recurring job waiting for its next turn is not due). */
    public void awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietPolls = 0;
        while (System.nanoTime() < deadline) {
            if (app.jobs().isIdle(java.util.Set.of())) {
                if (++quietPolls >= 2) return;
            } else {
                quietPolls = 0;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("job queue still busy after " + timeout);
    }

    public void awaitIdle() {
        awaitIdle(Duration.ofSeconds(180));
    }

    /** Stops the app only (data kept), e.g. to restart it. */
    public void stopApp() {
        if (app != null) app.close();
        app = null;
    }

    public void restartApp() {
        stopApp();
        try {
            app = App.start(config(), clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stopApp();
        TestDatabase.drop(databaseUrl);
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

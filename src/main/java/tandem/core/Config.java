package tandem.core;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of one Tandem instance. Read from a properties file (see tandem.conf.example),
 * then overridden by TANDEM_* environment variables, so several instances can run side by side.
 */
public record Config(
        String bindHost,
        int port,
        URI publicUrl,
        Path dataDir,
        String databaseUrl,
        String adminPassword,
        String instanceName,
        long maxUploadBytes,
        long defaultVideoQuota,
        long defaultVideoQuotaDaily,
        int loginAttemptsPerWindow,
        int loginAccountAttemptsPerWindow,
        Duration loginWindow,
        java.util.List<String> trustedProxies,
        int transcodeConcurrency,
        int transcodeThreads,
        Duration jobLease,
        Duration uploadAbandonAfter,
        int maxPendingUploadsPerUser,
        long maxJsonBytes,
        Path ffmpegCacheDir,
        int mediaPort,
        URI mediaUrl,
        int trackerMessagesPerWindow,
        boolean trackerPrivate,
        int trackerPort,
        String trackerSocketUrl,
        Federation federation,
        Connections connections,
        Mirrors mirrors,
        Smtp smtp) {

    /**
     * The mail server account e-mails (sign-up decisions, password resets) go through. {@code host}
     * null: no mail is sent (and `config.email.enabled` says so). {@code tls}: true for implicit TLS
     * (port 465), false for plain SMTP upgraded with STARTTLS when the server offers it.
     */
    public record Smtp(String host, int port, String username, String password, String from, boolean tls) {
        /** Whether a mail server is configured. */
        public boolean enabled() {
            return host != null;
        }
    }

    /**
     * What each listener (main, media, tracker) lets in: at most {@code maxPerListener} connections
     * and {@code maxPerAddress} from one client address (0: derived from the file-descriptor limit),
     * a request head within {@code headTimeout} of connecting, then keep-alive up to {@code idleTimeout}.
     */
    public record Connections(int maxPerListener, int maxPerAddress, Duration headTimeout, Duration idleTimeout) {}

    /**
     * Federation settings: hosts outbound requests may reach although private (and over plain http),
     * whether instance followers wait for the admin, delivery retries, the inbox body cap.
     */
    public record Federation(java.util.List<String> allowedHosts, boolean manualFollowerApproval, Duration firstRetry,
                             int deliveryAttempts, int deliveryConcurrency, int perHostConcurrency, long maxInboxBytes,
                             Duration requestTimeout) {}

    /**
     * Mirrors (PeerTube's redundancy). {@code strategies}: comma-separated
     * `strategy:size:min-lifetime[:min-views]` (`most-views:10GB:48h,recently-added:5GB:24h:10`),
     * empty by default as PeerTube; parsed by the mirror package. {@code acceptFrom}: whose mirrors of
     * our videos we list (`anybody`, `followings`, `nobody`). {@code originPreference}: how our
     * players weigh us against mirrors (`prefer-mirrors`, `even`, `origin-first`).
     * {@code copyBytesPerSecond}: a mirror job's download rate cap, so copying never floods an origin.
     * {@code firstByteTimeout}: how long a player waits for a source's first byte before trying another.
     * {@code ledgerFlush}: how often the ledger's in-memory byte counters are added to the database
     * (what a crash can lose at most; 1 to 60 seconds).
     */
    public record Mirrors(String strategies, Duration checkInterval, String acceptFrom, String originPreference,
                          long copyBytesPerSecond, Duration firstByteTimeout, Duration recheckInterval, Duration poolPlanInterval,
                          Duration ledgerFlush) {}

    /** Loads defaults, then the file, then the environment. */
    public static Config load(Map<String, String> env) {
        Properties props = new Properties();
        String file = env.getOrDefault("TANDEM_CONFIG", "tandem.conf");
        Path path = Path.of(file);
        if (Files.isRegularFile(path)) {
            try (Reader r = Files.newBufferedReader(path)) {
                props.load(r);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read config file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        } else if (env.containsKey("TANDEM_CONFIG")) {
            throw new IllegalStateException("Config file " + path.toAbsolutePath() + " (TANDEM_CONFIG) does not exist");
        }
        env.forEach((k, v) -> {
            if (k.startsWith("TANDEM_") && !k.equals("TANDEM_CONFIG")) {
                props.setProperty(k.substring("TANDEM_".length()).toLowerCase(Locale.ROOT), v);
            }
        });
        return fromProperties(props);
    }

    public static Config fromProperties(Properties p) {
        int port = intValue(p, "port", 9000);
        String publicUrl = p.getProperty("public_url", "http://localhost:" + port);
        if (publicUrl.endsWith("/")) publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        Path dataDir = Path.of(p.getProperty("data_dir", "data")).toAbsolutePath().normalize();
        String db = blankToNull(p.getProperty("database_url"));
        int mediaPort = intValue(p, "media_port", -1);
        return new Config(
                p.getProperty("bind_host", "0.0.0.0"),
                port,
                URI.create(publicUrl),
                dataDir,
                db == null ? "jdbc:sqlite:" + dataDir.resolve("tandem.db") : db,
                blankToNull(p.getProperty("admin_password")),
                p.getProperty("instance_name", "Tandem"),
                longValue(p, "max_upload_bytes", 8L * 1024 * 1024 * 1024),
                longValue(p, "default_video_quota", -1),
                longValue(p, "default_video_quota_daily", -1),
                intValue(p, "login_attempts_per_window", 15),
                // Twice the per-address budget: one address alone cannot lock an account out.
                intValue(p, "login_account_attempts_per_window", 30),
                Duration.ofSeconds(longValue(p, "login_window_seconds", 300)),
                // Loopback by default, as PeerTube: the recommended proxy runs on the same machine.
                list(p.getProperty("trusted_proxies", "127.0.0.0/8,::1")),
                intValue(p, "transcode_concurrency", 1),
                intValue(p, "transcode_threads", 0),
                Duration.ofSeconds(longValue(p, "job_lease_seconds", 60)),
                Duration.ofSeconds(longValue(p, "upload_abandon_after_seconds", 3600)),
                // Clients upload one file at a time; 10 leaves room for a few tabs or devices and for
                // interrupted uploads not yet resumed, and bounds each user's sessions and .part files.
                intValue(p, "upload_max_pending_per_user", 10),
                longValue(p, "max_json_bytes", 500 * 1024),
                Path.of(p.getProperty("ffmpeg_cache_dir", dataDir.resolve("cache").toString())).toAbsolutePath(),
                mediaPort,
                mediaUrl(p, publicUrl, mediaPort),
                intValue(p, "tracker_messages_per_10s", 600),
                !"false".equalsIgnoreCase(p.getProperty("tracker_private", "true").trim()),
                intValue(p, "tracker_port", -1),
                trackerSocketUrl(p, publicUrl, intValue(p, "tracker_port", -1)),
                new Federation(
                        list(p.getProperty("federation_allowed_hosts", "")),
                        "true".equalsIgnoreCase(p.getProperty("federation_followers_manual_approval", "false").trim()),
                        Duration.ofSeconds(longValue(p, "federation_retry_first_seconds", 60)),
                        // 60 s doubling, capped at 2 h: 14 attempts keep trying for about 16 hours.
                        intValue(p, "federation_delivery_attempts", 14),
                        // Deliveries mostly wait on remote inboxes; on bench/fanout.sh 256 and 512 in flight
                        // give the same time (one core is then the bound) and 128 is latency-bound.
                        intValue(p, "federation_delivery_concurrency", 256),
                        intValue(p, "federation_per_host_concurrency", 8),
                        longValue(p, "federation_max_inbox_bytes", 1024 * 1024),
                        Duration.ofSeconds(longValue(p, "federation_request_timeout_seconds", 7))),
                new Connections(intValue(p, "max_connections", 0), intValue(p, "max_connections_per_address", 0),
                        Duration.ofSeconds(longValue(p, "request_head_timeout_seconds", 10)),
                        Duration.ofSeconds(longValue(p, "idle_connection_timeout_seconds", 300))),
                new Mirrors(p.getProperty("mirror_strategies", "").trim(),
                        Duration.ofSeconds(longValue(p, "mirror_check_interval_seconds", 3600)),
                        oneOf(p, "mirror_accept_from", "anybody", "anybody", "followings", "nobody"),
                        oneOf(p, "mirror_origin_preference", "prefer-mirrors", "prefer-mirrors", "even", "origin-first"),
                        // 10 MB/s: a 1 GB video copies in under 2 minutes, and one mirror takes a fraction of an origin's uplink.
                        longValue(p, "mirror_copy_bytes_per_second", 10L * 1024 * 1024),
                        Duration.ofMillis(longValue(p, "mirror_first_byte_timeout_ms", 2000)),
                        Duration.ofSeconds(longValue(p, "mirror_recheck_seconds", 24 * 3600)),
                        // Origins' loads follow a daily curve: re-planning hourly follows it without copying back and forth.
                        Duration.ofSeconds(Math.max(1, longValue(p, "pool_plan_interval_seconds", 3600))),
                        // The issue asks for at least once a minute; a few rows every 10 s cost nothing.
                        Duration.ofSeconds(Math.clamp(longValue(p, "ledger_flush_seconds", 10), 1, 60))),
                smtp(p, publicUrl));
    }

    /** SMTP settings; the sender address defaults to noreply@ the public host, as PeerTube's does. */
    private static Smtp smtp(Properties p, String publicUrl) {
        boolean tls = "true".equalsIgnoreCase(p.getProperty("smtp_tls", "false").trim());
        return new Smtp(blankToNull(p.getProperty("smtp_host")), intValue(p, "smtp_port", tls ? 465 : 25),
                blankToNull(p.getProperty("smtp_username")), blankToNull(p.getProperty("smtp_password")),
                p.getProperty("smtp_from", "noreply@" + URI.create(publicUrl).getHost()).trim(), tls);
    }

    /** How many listeners this instance opens: the main one, and the media and tracker ones when configured. */
    public int listenerCount() {
        return 1 + (mediaListener() ? 1 : 0) + (trackerListener() ? 1 : 0);
    }

    /**
     * The tracker WebSocket URL players get when the dedicated tracker listener is on: `tracker_url`
     * if set, else the public host on the tracker port (wss behind an https public URL: the proxy
     * that terminates TLS must then also serve that port). Null without the listener.
     */
    private static String trackerSocketUrl(Properties p, String publicUrl, int trackerPort) {
        String configured = blankToNull(p.getProperty("tracker_url"));
        if (configured != null) return configured;
        if (trackerPort <= 0) return null;
        URI u = URI.create(publicUrl);
        return ("https".equals(u.getScheme()) ? "wss://" : "ws://") + u.getHost() + ":" + trackerPort + "/tracker/socket";
    }

    /** Whether a separate tracker WebSocket listener is configured. */
    public boolean trackerListener() {
        return trackerPort > 0;
    }

    /** Where media files are fetched: the zero-copy listener's URL when one is configured, else the public URL. */
    private static URI mediaUrl(Properties p, String publicUrl, int mediaPort) {
        String configured = blankToNull(p.getProperty("media_url"));
        if (configured != null) return URI.create(configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured);
        if (mediaPort <= 0) return URI.create(publicUrl);
        URI u = URI.create(publicUrl);
        return URI.create(u.getScheme() + "://" + u.getHost() + ":" + mediaPort);
    }

    /** Whether a separate zero-copy media listener is configured. */
    public boolean mediaListener() {
        return mediaPort > 0;
    }

    /** The public host with its port when the port is not the scheme's default, as PeerTube compares it. */
    public String publicHost() {
        return WebUrl.hostOf(publicUrl);
    }

    /** Absolute URL for a path on this instance. */
    public String url(String path) {
        return publicUrl + path;
    }

    /** A comma-separated setting; blank entries dropped, so an empty value is an empty list. */
    private static java.util.List<String> list(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static String oneOf(Properties p, String key, String fallback, String... allowed) {
        String v = blankToNull(p.getProperty(key));
        if (v == null) return fallback;
        String lower = v.toLowerCase(Locale.ROOT);
        if (!java.util.List.of(allowed).contains(lower)) {
            throw new IllegalStateException("Setting " + key + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return lower;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int intValue(Properties p, String key, int fallback) {
        return (int) longValue(p, key, fallback);
    }

    private static long longValue(Properties p, String key, long fallback) {
        String v = blankToNull(p.getProperty(key));
        if (v == null) return fallback;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a whole number, got '" + v + "'");
        }
    }
}

package tandem.mirror;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The automatic mirror strategies the admin configured (`mirror_strategies`), PeerTube's
 * `redundancy.videos.strategies`: each picks videos by its rule within a size budget and keeps each
 * copy at least its lifetime. Bad settings stop the start-up with a message naming the setting, so a
 * typo never silently mirrors nothing (or everything).
 */
public record MirrorPolicy(List<Strategy> strategies) {
    static final String SETTING = "mirror_strategies";
    /** PeerTube refuses to start with a shorter lifetime: a copy must outlive the time it took to make and announce. */
    public static final Duration MIN_LIFETIME = Duration.ofHours(10);
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|KB|MB|GB|TB)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIFETIME = Pattern.compile("(\\d+)\\s*(m|h|d)", Pattern.CASE_INSENSITIVE);

    /** How a strategy ranks candidates. */
    public enum Kind {
        MOST_VIEWS("most-views"), TRENDING("trending"), RECENTLY_ADDED("recently-added");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The name in settings and in the API (`strategy`). */
        public String id() { return id; }

        static Optional<Kind> of(String id) {
            for (Kind k : values()) if (k.id.equals(id)) return Optional.of(k);
            return Optional.empty();
        }
    }

    /** One configured strategy; {@code minViews} only for recently-added (0 otherwise). */
    public record Strategy(Kind kind, long sizeBytes, Duration minLifetime, long minViews) {
        public String id() { return kind.id(); }
    }

    /** No strategy: only manual mirrors. */
    public static MirrorPolicy none() {
        return new MirrorPolicy(List.of());
    }

    /**
     * Parses the comma-separated `strategy:size:min-lifetime[:min-views]` list.
     * @throws IllegalArgumentException naming the setting and the bad part
     */
    public static MirrorPolicy parse(String setting) {
        List<Strategy> out = new ArrayList<>();
        Set<Kind> seen = new HashSet<>();
        if (setting == null || setting.isBlank()) return none();
        for (String raw : setting.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) continue;
            String[] p = entry.split(":", -1);
            if (p.length < 3 || p.length > 4) {
                throw bad(entry, "expected strategy:size:min-lifetime[:min-views]");
            }
            Kind kind = Kind.of(p[0].trim().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> bad(entry, "unknown strategy '" + p[0].trim() + "' (most-views, trending or recently-added)"));
            if (!seen.add(kind)) throw bad(entry, "strategy " + kind.id() + " is configured twice");
            long size = size(p[1].trim(), entry);
            Duration lifetime = lifetime(p[2].trim(), entry);
            long minViews = 0;
            if (p.length == 4) {
                if (kind != Kind.RECENTLY_ADDED) throw bad(entry, "min-views applies to recently-added only");
                try {
                    minViews = Long.parseLong(p[3].trim());
                } catch (NumberFormatException e) {
                    throw bad(entry, "min-views '" + p[3].trim() + "' is not a whole number");
                }
                if (minViews < 0) throw bad(entry, "min-views must not be negative");
            }
            out.add(new Strategy(kind, size, lifetime, minViews));
        }
        return new MirrorPolicy(List.copyOf(out));
    }

    /** The configured strategy of this name, if any (`manual` never is). */
    public Optional<Strategy> strategy(String id) {
        return strategies.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Sizes as PeerTube writes them, 1024-based: 500MB, 10GB, 1TB. */
    static long size(String s, String entry) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) throw bad(entry, "size '" + s + "' is not a size such as 500MB, 10GB or 1TB");
        int power = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "B" -> 0;
            case "KB" -> 1;
            case "MB" -> 2;
            case "GB" -> 3;
            default -> 4;
        };
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        if (bytes < 1) throw bad(entry, "size '" + s + "' must be more than zero");
        return (long) bytes;
    }

    static Duration lifetime(String s, String entry) {
        Matcher m = LIFETIME.matcher(s);
        if (!m.matches()) throw bad(entry, "min-lifetime '" + s + "' is not a duration such as 90m, 48h or 2d");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(MIN_LIFETIME) < 0) throw bad(entry, "min-lifetime " + s + " is under 10h, the shortest PeerTube allows");
        return d;
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException(SETTING + ": '" + entry + "': " + why);
    }
}

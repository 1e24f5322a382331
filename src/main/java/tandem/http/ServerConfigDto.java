package tandem.http;

import tandem.core.Config;
import tandem.instance.InstanceSettings;
import tandem.instance.InstanceSettings.P2pMode;
import tandem.instance.InstanceSettings.SignupPolicy;
import tandem.video.UploadFormats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PeerTube's public `ServerConfig` object: every top-level key clients read, with our real values. */
public final class ServerConfigDto {
    public static final String SERVER_VERSION = "6.3.0";

    private ServerConfigDto() {}

    static Map<String, Object> build(Config c, InstanceSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serverVersion", SERVER_VERSION);
        m.put("serverCommit", "tandem");
        m.put("client", Map.of(
                "videos", Map.of("miniature", Map.of("preferAuthorDisplayName", false),
                        "resumableUpload", Map.of("maxChunkSize", 100 * 1024 * 1024)),
                "menu", Map.of("login", Map.of("redirectOnSingleExternalAuth", false)),
                "header", Map.of("hideInstanceName", false),
                "browserCache", Map.of("version", 1)));
        m.put("defaults", Map.of(
                "publish", Map.of("downloadEnabled", true, "commentsPolicy", 1, "privacy", 1, "licence", 0),
                "p2p", Map.of("webapp", Map.of("enabled", s.p2p().anonymous() != P2pMode.OFF), "embed", Map.of("enabled", s.p2p().anonymous() != P2pMode.OFF)),
                "player", Map.of("theme", "galaxy", "autoPlay", true)));
        m.put("webadmin", Map.of("configuration", Map.of("edition", Map.of("allowed", true))));
        m.put("instance", map("name", s.name(), "shortDescription", s.shortDescription(),
                "isNSFW", false, "defaultNSFWPolicy", s.nsfwPolicy(), "serverCountry", "", "support", Map.of("text", ""),
                "social", Map.of("externalLink", "", "mastodonLink", "", "blueskyLink", ""),
                "defaultClientRoute", "/videos/browse", "customizations", Map.of("javascript", "", "css", ""),
                "avatars", List.of(), "banners", List.of(), "logo", List.of()));
        m.put("search", Map.of("remoteUri", Map.of("users", false, "anonymous", false),
                "searchIndex", Map.of("enabled", false, "url", "", "disableLocalSearch", false, "isDefaultSearch", false)));
        m.put("plugin", Map.of("registered", List.of(), "registeredExternalAuths", List.of(), "registeredIdAndPassAuths", List.of()));
        m.put("theme", Map.of("registered", List.of(), "builtIn", List.of(Map.of("name", "peertube-core-light-beige")), "default", "default"));
        m.put("email", Map.of("enabled", c.smtp().enabled()));
        m.put("contactForm", Map.of("enabled", false));
        boolean signup = s.signup().policy() != SignupPolicy.CLOSED;
        m.put("signup", Map.of("allowed", signup, "allowedForCurrentIP", signup, "requiresEmailVerification", s.signup().requiresEmailVerification(),
                "requiresApproval", s.signup().policy() == SignupPolicy.APPROVAL, "minimumAge", s.signup().minimumAge()));
        m.put("transcoding", map("hls", Map.of("enabled", true), "web_videos", Map.of("enabled", false),
                "enabledResolutions", s.resolutions(), "profile", "default",
                "availableProfiles", List.of("default"), "remoteRunners", Map.of("enabled", false)));
        m.put("live", map("enabled", false, "allowReplay", false, "latencySetting", Map.of("enabled", false),
                "maxDuration", -1, "maxInstanceLives", 0, "maxUserLives", 0,
                "transcoding", Map.of("enabled", false, "remoteRunners", Map.of("enabled", false), "enabledResolutions", List.of(),
                        "profile", "default", "availableProfiles", List.of("default")),
                "rtmp", Map.of("port", 1935)));
        m.put("videoStudio", Map.of("enabled", false, "remoteRunners", Map.of("enabled", false)));
        m.put("videoFile", Map.of("update", Map.of("enabled", false)));
        m.put("import", Map.of("videos", Map.of("http", Map.of("enabled", false), "torrent", Map.of("enabled", false)),
                "videoChannelSynchronization", Map.of("enabled", false), "users", Map.of("enabled", false)));
        m.put("export", Map.of("users", Map.of("enabled", false, "exportExpiration", 0, "maxUserVideoQuota", 0)));
        m.put("autoBlacklist", Map.of("videos", Map.of("ofUsers", Map.of("enabled", false))));
        m.put("avatar", imageConstraints());
        m.put("banner", imageConstraints());
        m.put("video", Map.of(
                "image", Map.of("size", Map.of("max", 8 * 1024 * 1024), "extensions", List.of(".png", ".jpg", ".jpeg", ".webp")),
                "file", Map.of("extensions", UploadFormats.EXTENSIONS.stream().sorted().toList())));
        m.put("videoCaption", Map.of("file", Map.of("size", Map.of("max", 20 * 1024 * 1024), "extensions", List.of(".vtt", ".srt"))));
        m.put("user", Map.of("videoQuota", s.defaultVideoQuota(), "videoQuotaDaily", s.defaultVideoQuotaDaily()));
        m.put("videoChannels", Map.of("maxPerUser", 20));
        m.put("trending", Map.of("videos", Map.of("intervalDays", 7, "algorithms", Map.of("enabled", List.of("most-viewed"), "default", "most-viewed"))));
        m.put("tracker", Map.of("enabled", true));
        m.put("followings", Map.of("instance", Map.of("autoFollowIndex", Map.of("indexUrl", ""))));
        m.put("federation", Map.of("enabled", false));
        m.put("broadcastMessage", Map.of("enabled", false, "message", "", "level", "info", "dismissable", false));
        m.put("homepage", Map.of("enabled", false));
        m.put("openTelemetry", Map.of("metrics", Map.of("enabled", false, "playbackStatsInterval", 15000)));
        m.put("views", Map.of("videos", Map.of("watchingInterval", Map.of("anonymous", 5000, "users", 5000))));
        m.put("storyboards", Map.of("enabled", false));
        m.put("videoTranscription", Map.of("enabled", false, "remoteRunners", Map.of("enabled", false)));
        m.put("nsfwFlagsSettings", Map.of("enabled", false));
        m.put("fieldsConstraints", Map.of("users", Map.of("minimumAge", s.signup().minimumAge())));
        // Ours, beyond PeerTube's shape: how our players weigh this origin against its mirrors, and
        // how long they wait for a source's first byte before trying another.
        // p2p: the administrator's defaults, per kind of viewer (on, off, or ask the viewer first).
        m.put("tandem", Map.of("mirrors", Map.of("originPreference", c.mirrors().originPreference(),
                "firstByteTimeoutMs", c.mirrors().firstByteTimeout().toMillis()),
                "p2p", Map.of("anonymous", lower(s.p2p().anonymous()), "users", lower(s.p2p().users()))));
        return m;
    }

    /** PeerTube's `/config/about`: what the About page shows. */
    static Map<String, Object> about(InstanceSettings s) {
        Map<String, Object> instance = new LinkedHashMap<>();
        instance.put("name", s.name());
        instance.put("shortDescription", s.shortDescription());
        instance.put("description", s.description());
        instance.put("terms", s.terms());
        instance.put("codeOfConduct", "");
        instance.put("moderationInformation", "");
        instance.put("administrator", "");
        instance.put("languages", List.of());
        instance.put("categories", List.of());
        instance.put("avatars", List.of());
        instance.put("banners", List.of());
        return Map.of("instance", instance, "contact", Map.of("email", s.contactEmail()));
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Map<String, Object> imageConstraints() {
        return Map.of("file", Map.of("size", Map.of("max", 4 * 1024 * 1024), "extensions", List.of(".png", ".jpeg", ".jpg", ".gif", ".webp")));
    }

    /** An insertion-ordered map from key, value pairs (Map.of keeps no order and takes ten pairs at most). */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}

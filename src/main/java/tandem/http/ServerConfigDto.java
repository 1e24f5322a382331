package tandem.http;

import tandem.core.Config;
import tandem.video.UploadFormats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PeerTube's public `ServerConfig` object: every top-level key clients read, with our real values. */
public final class ServerConfigDto {
    public static final String SERVER_VERSION = "6.3.0";

    private ServerConfigDto() {}

    static Map<String, Object> build(Config c) {
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
                "p2p", Map.of("webapp", Map.of("enabled", true), "embed", Map.of("enabled", true)),
                "player", Map.of("theme", "galaxy", "autoPlay", true)));
        m.put("webadmin", Map.of("configuration", Map.of("edition", Map.of("allowed", false))));
        m.put("instance", map("name", c.instanceName(), "shortDescription", "A Tandem video instance",
                "isNSFW", false, "defaultNSFWPolicy", "display", "serverCountry", "", "support", Map.of("text", ""),
                "social", Map.of("externalLink", "", "mastodonLink", "", "blueskyLink", ""),
                "defaultClientRoute", "/videos/browse", "customizations", Map.of("javascript", "", "css", ""),
                "avatars", List.of(), "banners", List.of(), "logo", List.of()));
        m.put("search", Map.of("remoteUri", Map.of("users", false, "anonymous", false),
                "searchIndex", Map.of("enabled", false, "url", "", "disableLocalSearch", false, "isDefaultSearch", false)));
        m.put("plugin", Map.of("registered", List.of(), "registeredExternalAuths", List.of(), "registeredIdAndPassAuths", List.of()));
        m.put("theme", Map.of("registered", List.of(), "builtIn", List.of(Map.of("name", "peertube-core-light-beige")), "default", "default"));
        m.put("email", Map.of("enabled", false));
        m.put("contactForm", Map.of("enabled", false));
        m.put("signup", Map.of("allowed", false, "allowedForCurrentIP", false, "requiresEmailVerification", false,
                "requiresApproval", false, "minimumAge", 16));
        m.put("transcoding", map("hls", Map.of("enabled", true), "web_videos", Map.of("enabled", false),
                "enabledResolutions", List.of(240, 360, 480, 720, 1080), "profile", "default",
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
        m.put("user", Map.of("videoQuota", c.defaultVideoQuota(), "videoQuotaDaily", c.defaultVideoQuotaDaily()));
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
        m.put("fieldsConstraints", Map.of("users", Map.of("minimumAge", 16)));
        return m;
    }

    private static Map<String, Object> imageConstraints() {
        return Map.of("file", Map.of("size", Map.of("max", 4 * 1024 * 1024), "extensions", List.of(".png", ".jpeg", ".jpg", ".gif", ".webp")));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}

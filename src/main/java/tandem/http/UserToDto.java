package tandem.http;

import tandem.account.AccountService;
import tandem.account.User;
import tandem.account.UserPreferences;
import tandem.video.VideoService;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A user in PeerTube's `User` shape, with account, channels and quota usage. */
public final class UserToDto {
    private final AccountService accounts;
    private final VideoService videos;
    private final ActorToDto actors;

    public UserToDto(AccountService accounts, VideoService videos, ActorToDto actors) {
        this.accounts = accounts;
        this.videos = videos;
        this.actors = actors;
    }

    public Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("username", u.username());
        m.put("email", u.email());
        m.put("emailVerified", u.emailVerified());
        m.put("pendingEmail", u.pendingEmail());
        UserPreferences prefs = u.preferences();
        m.put("nsfwPolicy", prefs.nsfwPolicy());
        // null: the user has not decided yet (the instance asks before sharing their address with peers).
        m.put("p2pEnabled", prefs.p2pEnabled());
        m.put("autoPlayVideo", prefs.autoPlayVideo());
        m.put("autoPlayNextVideo", prefs.autoPlayNextVideo());
        m.put("autoPlayNextVideoPlaylist", true);
        m.put("videosHistoryEnabled", true);
        m.put("videoLanguages", prefs.videoLanguages());
        m.put("language", prefs.language());
        m.put("theme", prefs.theme());
        m.put("role", Map.of("id", u.role().id, "label", u.role().label));
        m.put("videoQuota", u.videoQuota());
        m.put("videoQuotaDaily", u.videoQuotaDaily());
        m.put("videoQuotaUsed", videos.usedQuota(u, false));
        m.put("videoQuotaUsedDaily", videos.usedQuota(u, true));
        m.put("videosCount", null);
        m.put("account", accounts.account(u.accountId()).map(actors::account).orElse(null));
        m.put("videoChannels", accounts.channelsOf(u.accountId()).stream().map(actors::channel).toList());
        m.put("specialPlaylists", List.of());
        m.put("twoFactorEnabled", false);
        m.put("blocked", u.blocked());
        m.put("blockedReason", u.blockedReason());
        m.put("noInstanceConfigWarningModal", true);
        m.put("noWelcomeModal", true);
        m.put("noAccountSetupWarningModal", true);
        m.put("adminFlags", 0);
        m.put("pluginAuth", null);
        m.put("lastLoginDate", null);
        m.put("createdAt", Instant.ofEpochMilli(u.createdAt()));
        return m;
    }
}

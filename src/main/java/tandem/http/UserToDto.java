package tandem.http;

import tandem.account.AccountService;
import tandem.account.User;
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
        m.put("emailVerified", true);
        m.put("pendingEmail", null);
        m.put("nsfwPolicy", u.nsfwPolicy());
        m.put("p2pEnabled", true);
        m.put("autoPlayVideo", true);
        m.put("autoPlayNextVideo", false);
        m.put("autoPlayNextVideoPlaylist", true);
        m.put("videosHistoryEnabled", true);
        m.put("videoLanguages", null);
        m.put("theme", "instance-default");
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

package tandem.http;

import tandem.account.Account;
import tandem.account.ActorImageKind;
import tandem.account.ActorImageStore;
import tandem.account.ImageOwner;
import tandem.account.Channel;
import tandem.account.FollowerCounts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accounts and channels in PeerTube's JSON shapes (summary and full). */
public final class ActorToDto {
    private final Urls urls;
    private final FollowerCounts followers;
    private final ActorImageStore images;

    public ActorToDto(Urls urls, FollowerCounts followers, ActorImageStore images) {
        this.urls = urls;
        this.followers = followers;
        this.images = images;
    }

    /** An account's or channel's pictures of one kind in PeerTube's shape (an empty list when it has none). */
    public List<Map<String, Object>> images(ImageOwner owner, ActorImageKind kind) {
        return ActorImageToDto.list(images.of(owner, kind), urls);
    }

    private String host(String host) {
        return host == null ? urls.host() : host;
    }

    public Map<String, Object> accountSummary(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("displayName", a.displayName());
        m.put("url", urls.base() + "/accounts/" + a.name());
        m.put("host", host(a.host()));
        m.put("avatars", images(ImageOwner.account(a.id()), ActorImageKind.AVATAR));
        return m;
    }

    public Map<String, Object> account(Account a) {
        Map<String, Object> m = accountSummary(a);
        m.put("description", a.description());
        m.put("followersCount", followers.of(a));
        m.put("followingCount", 0);
        m.put("createdAt", Instant.ofEpochMilli(a.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(a.createdAt()));
        m.put("userId", a.userId());
        m.put("isLocal", a.host() == null);
        m.put("banners", images(ImageOwner.account(a.id()), ActorImageKind.BANNER));
        return m;
    }

    public Map<String, Object> channelSummary(Channel c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("displayName", c.displayName());
        m.put("url", urls.channelUrl(c));
        m.put("host", host(c.host()));
        m.put("avatars", images(ImageOwner.channel(c.id()), ActorImageKind.AVATAR));
        return m;
    }

    public Map<String, Object> channel(Channel c) {
        Map<String, Object> m = channelSummary(c);
        m.put("description", c.description());
        m.put("support", c.support());
        m.put("isLocal", c.host() == null);
        m.put("followersCount", followers.of(c));
        m.put("followingCount", 0);
        m.put("createdAt", Instant.ofEpochMilli(c.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(c.createdAt()));
        m.put("banners", images(ImageOwner.channel(c.id()), ActorImageKind.BANNER));
        m.put("ownerAccount", account(c.account()));
        return m;
    }
}

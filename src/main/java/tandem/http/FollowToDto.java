package tandem.http;

import tandem.account.Follower;
import tandem.federation.actor.Actor;
import tandem.federation.actor.Follow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follows in PeerTube's `ActorFollow` shape: the instance's (`/server/following`, `/server/followers`)
 * and a channel's or account's followers (`/video-channels/{handle}/followers`, `/accounts/{name}/followers`).
 */
public final class FollowToDto {
    private FollowToDto() {}

    public static Map<String, Object> follow(Follow f) {
        return follow(f.id(), actor(f.follower().id(), f.follower().username(), f.follower().host(), f.follower().url()),
                actor(f.target().id(), f.target().username(), f.target().host(), f.target().url()), f.state(), f.createdAt());
    }

    /** A follower has no `id` when it is a subscription (no follow row), nor its actors (accounts and channels are not actor rows). */
    public static Map<String, Object> follower(Follower f, Urls urls) {
        return follow(f.id(), party(f.follower(), urls), party(f.following(), urls), Follow.ACCEPTED, f.createdAt());
    }

    private static Map<String, Object> follow(Long id, Map<String, Object> follower, Map<String, Object> following, String state, long createdAt) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (id != null) m.put("id", id);
        m.put("follower", follower);
        m.put("following", following);
        m.put("state", state);
        // PeerTube scores a follow's health; ours are not scored, so every follow has the starting score.
        m.put("score", 1000);
        m.put("createdAt", Instant.ofEpochMilli(createdAt));
        return m;
    }

    private static Map<String, Object> party(Follower.Party p, Urls urls) {
        String url = p.url() != null ? p.url() : urls.base() + (p.channel() ? "/video-channels/" : "/accounts/") + p.name();
        return actor(null, p.name(), p.host() != null ? p.host() : urls.host(), url);
    }

    private static Map<String, Object> actor(Long id, String name, String host, String url) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (id != null) m.put("id", id);
        m.put("name", name);
        m.put("host", host);
        m.put("url", url);
        m.put("avatars", List.of());
        return m;
    }
}

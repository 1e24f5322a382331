package tandem.http;

import tandem.federation.actor.Actor;
import tandem.federation.actor.Follow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Instance follows in PeerTube's `ActorFollow` shape, for `/server/following` and `/server/followers`. */
public final class FollowToDto {
    private FollowToDto() {}

    public static Map<String, Object> follow(Follow f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("follower", actor(f.follower()));
        m.put("following", actor(f.target()));
        m.put("state", f.state());
        // PeerTube scores a follow's health; ours are not scored, so every follow has the starting score.
        m.put("score", 1000);
        m.put("createdAt", Instant.ofEpochMilli(f.createdAt()));
        return m;
    }

    private static Map<String, Object> actor(Actor a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.username());
        m.put("host", a.host());
        m.put("url", a.url());
        return m;
    }
}

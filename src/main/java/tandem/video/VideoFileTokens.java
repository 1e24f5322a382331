package tandem.video;

import tandem.account.User;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PeerTube's video file tokens: a player cannot put an Authorization header on the media requests
 * hls.js and the P2P loader make, so the owner of a private video gets a short-lived token for its
 * files and the player adds it as {@code ?videoFileToken=}. Kept in the database so any app node
 * accepts it; a blocked user's tokens stop working at once.
 */
public final class VideoFileTokens {
    static final Duration LIFETIME = Duration.ofHours(2);
    /** Segment requests come in bursts; checking the database once a second per token is plenty. */
    private static final long CACHE_MILLIS = 1000;
    private static final int CACHE_MAX = 10_000;

    public record Issued(String token, Instant expires) {}

    private record Checked(long videoId, boolean valid, long at) {}

    private final VideoFileTokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Checked> cache = new ConcurrentHashMap<>();

    public VideoFileTokens(VideoFileTokenStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new token for the files of {@code video}; the caller has checked that {@code user} may watch it. */
    public Issued issue(User user, Video video) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        long expires = now + LIFETIME.toMillis();
        store.insert(token, video.id(), user.id(), expires, now);
        return new Issued(token, Instant.ofEpochMilli(expires));
    }

    /** Whether {@code token} opens the files of {@code video} now. */
    public boolean opens(String token, Video video) {
        if (token == null || token.isEmpty() || token.length() > 64) return false;
        long now = clock.millis();
        Checked c = cache.get(token);
        if (c == null || now - c.at() > CACHE_MILLIS) {
            c = store.videoOf(token, now).map(id -> new Checked(id, true, now)).orElse(new Checked(-1, false, now));
            if (cache.size() > CACHE_MAX) cache.clear();
            cache.put(token, c);
        }
        return c.valid() && c.videoId() == video.id();
    }
}

package tandem.http;

import tandem.core.Problem;
import tandem.video.Video;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The videos media requests belong to, kept two seconds: segment requests are the hottest path of
 * the server and each needs its video's privacy. Emptied when any video changes, so a privacy
 * change applies to the very next request instead of after the two seconds.
 */
final class MediaVideoCache {
    private static final long KEEP_MILLIS = 2000;
    private static final int MAX = 10_000;

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on each change: a lookup that began before a change must not be kept after it. */
    private final AtomicLong generation = new AtomicLong();

    private record Entry(Video video, long at) {}

    /** The video under this key, looked up when not kept; empty when there is none or the key has no video shape. */
    Optional<Video> get(String key, Supplier<Optional<Video>> lookup) {
        long now = System.currentTimeMillis();
        Entry e = entries.get(key);
        if (e != null && now - e.at() < KEEP_MILLIS) return Optional.ofNullable(e.video());
        long before = generation.get();
        Optional<Video> v;
        try {
            v = lookup.get();
        } catch (Problem p) {
            return Optional.empty();
        }
        if (entries.size() > MAX) entries.clear();
        if (generation.get() == before) entries.put(key, new Entry(v.orElse(null), now));
        return v;
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }
}

package tandem.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bounded maps that forget the least recently used entry first: caches and per-client counters. */
public final class Lru {
    private Lru() {}

    /** Not thread-safe: for owners that already serialise access. */
    public static <K, V> Map<K, V> map(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > max;
            }
        };
    }

    /** Safe for concurrent use (every access, reads included, reorders the entries). */
    public static <K, V> Map<K, V> synchronizedMap(int max) {
        return Collections.synchronizedMap(map(max));
    }
}

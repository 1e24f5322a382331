package tandem.core;

import java.util.List;
import java.util.function.Function;

/** One page of a list plus the total count, PeerTube's `{total, data}` envelope. */
public record Page<T>(long total, List<T> data) {
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(total, data.stream().map(f).toList());
    }
}

package tandem.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for what other instances do in their own time (deliveries, jobs, probes). */
public final class Eventually {
    private Eventually() {}

    /** Polls until {@code value} gives non-null, failing with {@code what} (and the last exception) after {@code within}. */
    public static <T> T await(String what, Duration within, Supplier<T> value) {
        long deadline = System.nanoTime() + within.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                T v = value.get();
                if (v != null) return v;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("waited " + within.toSeconds() + " s for " + what, last);
    }
}

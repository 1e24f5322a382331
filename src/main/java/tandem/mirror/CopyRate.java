package tandem.mirror;

/**
 * One byte budget per second shared by every copy job of the instance, so mirroring never floods
 * an origin's uplink nor ours, however many copies run at once. A token bucket holding one second
 * of bytes: callers sleep for the bytes they take beyond it.
 */
public final class CopyRate {
    private static final long SECOND_NANOS = 1_000_000_000L;
    private final long bytesPerSecond;
    private long nextFree;

    /** @param bytesPerSecond at most this many bytes a second; zero or less: no limit */
    public CopyRate(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.nextFree = System.nanoTime();
    }

    /** Waits until {@code bytes} more may be read. */
    public void take(long bytes) throws InterruptedException {
        if (bytesPerSecond <= 0 || bytes <= 0) return;
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            // A bucket of one second: idle time earns at most one second of bytes in advance.
            long start = Math.max(nextFree, now - SECOND_NANOS);
            nextFree = start + (long) ((double) bytes * SECOND_NANOS / bytesPerSecond);
            wait = nextFree - now - SECOND_NANOS;
        }
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
}

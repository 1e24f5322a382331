package tandem.net;

import java.lang.management.ManagementFactory;

/**
 * How many connections one listener may hold, in total and per client address. Unless configured,
 * both follow from the file descriptors the process has left when it starts (its limit less those
 * the JVM already holds: jars, the database): a quarter of them (at least 128) stays free for
 * files, the database, ffmpeg and outgoing requests, and the rest is shared by the listeners.
 * One address may take a quarter of a listener (at most 100: six browser connections each for a
 * few dozen people behind one NAT), so two flooding addresses still leave room for everyone else.
 */
public record ConnectionBudget(int total, int perAddress) {
    private static final int MAX_TOTAL = 10_000;
    private static final int MAX_PER_ADDRESS = 100;

    public ConnectionBudget {
        if (total < 1 || perAddress < 1) throw new IllegalArgumentException("connection limits must be positive: " + total + ", " + perAddress);
    }

    /** @param configuredTotal a listener's cap from the settings, or ≤ 0 to derive it; likewise {@code configuredPerAddress} */
    public static ConnectionBudget of(long freeDescriptors, int listeners, int configuredTotal, int configuredPerAddress) {
        long reserve = Math.max(128, freeDescriptors / 4);
        int share = Math.clamp((freeDescriptors - reserve) / Math.max(1, listeners), 16, MAX_TOTAL);
        int total = configuredTotal > 0 ? configuredTotal : share;
        int perAddress = configuredPerAddress > 0 ? configuredPerAddress : Math.clamp(total / 4, 4, MAX_PER_ADDRESS);
        return new ConnectionBudget(total, perAddress);
    }

    /** File descriptors the process may still open (`ulimit -n` less those open), or a guess where the JVM cannot tell. */
    public static long freeDescriptors() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() : 1024;
    }
}

package tandem.p2p;

import java.time.Duration;

/**
 * The tracker's bounds. PeerTube's values where it has them: 120 s announce interval, peers expire
 * after 20 idle minutes, an unknown infohash bans the IP for 3 minutes, at most 82 peers per answer.
 */
public record TrackerLimits(Duration interval, Duration peerIdle, Duration banFor, int maxPeersPerSwarm,
                            int maxSwarmsPerConnection, int maxOffers, int messagesPerWindow, Duration window,
                            int maxMessageChars, int maxTrackedIps) {

    public static TrackerLimits defaults() {
        return new TrackerLimits(Duration.ofSeconds(120), Duration.ofMinutes(20), Duration.ofMinutes(3), 1000, 50, 82,
                600, Duration.ofSeconds(10), 256 * 1024, 100_000);
    }

    public TrackerLimits withMessagesPerWindow(int n) {
        return new TrackerLimits(interval, peerIdle, banFor, maxPeersPerSwarm, maxSwarmsPerConnection, maxOffers, n, window,
                maxMessageChars, maxTrackedIps);
    }
}

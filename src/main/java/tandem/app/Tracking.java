package tandem.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tandem.core.Config;
import tandem.http.TrackerSocket;
import tandem.http.Urls;
import tandem.mirror.MirrorCatalog;
import tandem.p2p.Tracker;
import tandem.p2p.TrackerLimits;
import tandem.video.VideoService;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The P2P half of the composition root: the WebTorrent tracker, its socket on the main port, and their minute sweeps. */
record Tracking(Tracker tracker, TrackerSocket socket, ScheduledExecutorService housekeeping) {

    static Tracking wire(Config config, Platform p, VideoService videos, Urls urls, MirrorCatalog mirrors) {
        // PeerTube's tracker.private: by default only the swarms of our own videos and of the videos we mirror are served.
        LocalSwarms local = new LocalSwarms(videos, urls, p.clock());
        Tracker tracker = new Tracker(config.trackerPrivate() ? infoHash -> local.serves(infoHash) || mirrors.servesSwarm(infoHash) : infoHash -> true,
                TrackerLimits.defaults().withMessagesPerWindow(config.trackerMessagesPerWindow()), p.clock(), p.mapper());
        bindMetrics(p.registry(), tracker);
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("housekeeping").daemon().factory());
        housekeeping.scheduleAtFixedRate(tracker::sweep, 1, 1, TimeUnit.MINUTES);
        TrackerSocket socket = new TrackerSocket(tracker);
        housekeeping.scheduleAtFixedRate(socket::sweep, 1, 1, TimeUnit.MINUTES);
        return new Tracking(tracker, socket, housekeeping);
    }

    private static void bindMetrics(MeterRegistry registry, Tracker tracker) {
        Gauge.builder("tandem_tracker_peers", tracker, t -> t.stats().peers()).description("Peers in all swarms").register(registry);
        Gauge.builder("tandem_tracker_swarms", tracker, t -> t.stats().swarms()).description("Active swarms").register(registry);
        Gauge.builder("tandem_tracker_connections", tracker, t -> t.stats().connections()).description("Open tracker sockets").register(registry);
        FunctionCounter.builder("tandem_tracker_announces", tracker, t -> t.stats().announces()).register(registry);
        FunctionCounter.builder("tandem_tracker_rejected", tracker, t -> t.stats().rejected()).register(registry);
    }
}

package tandem.app;

import tandem.core.Config;
import tandem.http.HttpServer;
import tandem.http.MediaFiles;
import tandem.net.ConnectionGate;
import tandem.net.ZeroCopyMediaServer;
import tandem.p2p.TrackerLimits;
import tandem.p2p.TrackerWebSocketServer;

import java.io.IOException;
import java.util.function.Function;

/**
 * The sockets Tandem listens on: the main HTTP port, the optional media listener, and the
 * tracker's selector loops (which take the main port's tracker sockets, and listen on a port of
 * their own when one is configured); each closed once.
 */
record Listeners(HttpServer http, ZeroCopyMediaServer media, TrackerWebSocketServer tracker) implements AutoCloseable {

    /** The tracker's loops, started before the main port that hands them sockets. */
    static TrackerWebSocketServer startTracker(Config config, Function<String, ConnectionGate> gates, Tracking tracking) throws IOException {
        Config.Connections c = config.connections();
        TrackerWebSocketServer tracker = config.trackerListener()
                ? new TrackerWebSocketServer(config.bindHost(), config.trackerPort(), tracking.tracker(), TrackerLimits.defaults().peerIdle(),
                        gates.apply("tracker"), c.headTimeout())
                : TrackerWebSocketServer.withoutPort(tracking.tracker(), TrackerLimits.defaults().peerIdle(), c.headTimeout());
        return tracker.start();
    }

    /** Starts the optional media listener beside a started HTTP server; if it cannot bind, all are closed. */
    static Listeners start(Config config, Function<String, ConnectionGate> gates, HttpServer http, MediaFiles mediaFiles, Platform p,
                           TrackerWebSocketServer tracker) throws IOException {
        Config.Connections c = config.connections();
        ZeroCopyMediaServer media = null;
        try {
            if (config.mediaListener()) media = new ZeroCopyMediaServer(config.bindHost(), config.mediaPort(), mediaFiles, p.blobs(),
                    gates.apply("media"), c.headTimeout(), c.idleTimeout()).start();
        } catch (IOException e) {
            new Listeners(http, media, tracker).close();
            throw e;
        }
        return new Listeners(http, media, tracker);
    }

    @Override
    public void close() {
        http.close();
        if (media != null) media.close();
        tracker.close();
    }
}

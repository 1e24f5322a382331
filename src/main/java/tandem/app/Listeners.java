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

/** The sockets Tandem listens on: the main HTTP port, and the optional media and tracker listeners; each closed once. */
record Listeners(HttpServer http, ZeroCopyMediaServer media, TrackerWebSocketServer tracker) implements AutoCloseable {

    /** Starts the optional listeners beside a started HTTP server; if one cannot bind, all are closed. */
    static Listeners start(Config config, Function<String, ConnectionGate> gates, HttpServer http, MediaFiles mediaFiles, Platform p, Tracking tracking) throws IOException {
        Config.Connections c = config.connections();
        ZeroCopyMediaServer media = null;
        TrackerWebSocketServer tracker = null;
        try {
            if (config.mediaListener()) media = new ZeroCopyMediaServer(config.bindHost(), config.mediaPort(), mediaFiles, p.blobs(),
                    gates.apply("media"), c.headTimeout(), c.idleTimeout()).start();
            if (config.trackerListener()) {
                tracker = new TrackerWebSocketServer(config.bindHost(), config.trackerPort(), tracking.tracker(), TrackerLimits.defaults().peerIdle(),
                        gates.apply("tracker"), c.headTimeout()).start();
            }
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
        if (tracker != null) tracker.close();
    }
}

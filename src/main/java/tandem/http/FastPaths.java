package tandem.http;

import tandem.net.MediaExchange;
import tandem.p2p.TrackerWebSocketServer;

/**
 * What the main port answers beside Helidon, on the socket itself: media files with sendfile, and
 * tracker WebSockets on the tracker's selector loops (a thread-free socket each instead of a
 * thread and Helidon's buffers). See {@link FrontConnection}.
 */
public record FastPaths(MediaExchange media, TrackerWebSocketServer tracker) {}

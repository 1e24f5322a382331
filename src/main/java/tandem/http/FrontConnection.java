package tandem.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.net.MediaExchange;
import tandem.net.RequestHead;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * One connection of the main port. Helidon's HTTP/1 reads the connection through this front,
 * which sees every request head first, at request boundaries: a media file it sends itself with
 * sendfile, a tracker WebSocket upgrade it hands to the tracker's selector loops, and every other
 * request it passes on to Helidon byte for byte, its body counted so that the next head is found.
 * Whatever the mix of requests on a keep-alive connection, each one takes its fast path.
 *
 * A chunked request body or a protocol upgrade other than the tracker's ends the front's part:
 * from there on Helidon reads the connection directly.
 */
final class FrontConnection implements ServerConnection {
    private static final Logger log = LoggerFactory.getLogger(FrontConnection.class);
    /** A head longer than this goes to Helidon as it is, whose own limits answer it. */
    private static final int MAX_HEAD = 64 * 1024;

    private final DataReader socket;
    private final SocketChannel channel;
    private final SocketAddress peer;
    private final FastPaths fast;
    private final ConnectionGuard guard;
    private final HttpMetrics metrics;
    private final ServerConnection http;
    private byte[] buf = new byte[0];
    private int from;
    private int to;
    private long bodyLeft;
    private boolean passThrough;
    private volatile CountDownLatch trackerClosed;
    private volatile long lastServedNanos = System.nanoTime();
    private volatile boolean serving;

    /** @param channel the connection's socket, null when unknown (then every request goes to Helidon) */
    FrontConnection(ConnectionContext ctx, SocketChannel channel, FastPaths fast, ConnectionGuard guard, HttpMetrics metrics,
                    ServerConnectionSelector http1) {
        this.socket = ctx.dataReader();
        this.channel = channel;
        this.peer = ctx.remotePeer().address();
        this.fast = fast;
        this.guard = guard;
        this.metrics = metrics;
        this.passThrough = channel == null;
        this.http = http1.connection(new SwappedReaderContext(ctx, new DataReader(this::next)));
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        http.handle(limit);
    }

    @Override
    public Duration idleTime() {
        // A tracker socket times out on its loop; Helidon must not close it as an idle HTTP connection,
        // nor one busy with media that Helidon's HTTP/1 never saw.
        if (trackerClosed != null || serving) return Duration.ZERO;
        Duration sinceServed = Duration.ofNanos(System.nanoTime() - lastServedNanos);
        Duration helidon = http.idleTime();
        return helidon.compareTo(sinceServed) < 0 ? helidon : sinceServed;
    }

    @Override
    public void close(boolean interrupt) {
        if (trackerClosed != null) closeChannel();
        http.close(interrupt);
    }

    /** The next bytes for Helidon; null ends the connection. */
    private byte[] next() {
        try {
            while (true) {
                if (passThrough) return available() > 0 ? take(available()) : read();
                if (bodyLeft > 0) {
                    if (available() == 0 && !fill()) return null;
                    int n = (int) Math.min(bodyLeft, available());
                    bodyLeft -= n;
                    return take(n);
                }
                int end;
                while ((end = RequestHead.end(buf, from, to)) < 0) {
                    if (available() > MAX_HEAD) {
                        passThrough = true;
                        return take(available());
                    }
                    if (!fill()) return available() > 0 ? take(available()) : null;
                }
                int headLength = end + 4 - from;
                RequestHead h = RequestHead.parse(buf, from, end);
                if (h == null) { // Helidon answers malformed requests
                    passThrough = true;
                    return take(available());
                }
                if (MediaExchange.looksLikeMedia(h)) {
                    long start = System.nanoTime();
                    serving = true;
                    MediaExchange.Outcome o;
                    try {
                        o = fast.media().serveFile(channel, h);
                    } finally {
                        serving = false;
                        lastServedNanos = System.nanoTime();
                    }
                    if (!o.declined()) {
                        guard.requestArrived(peer);
                        skip(headLength);
                        metrics.record(h.method(), h.target(), o.status(), "sendfile", System.nanoTime() - start);
                        if (!o.keepAlive()) return null;
                        continue;
                    }
                } else if (isTrackerUpgrade(h)) {
                    guard.requestArrived(peer);
                    handToTracker(take(available()));
                    return null;
                }
                String length = h.header("content-length");
                if (h.header("transfer-encoding") != null || h.header("upgrade") != null) passThrough = true;
                else if (length != null) bodyLeft = bodyLength(length);
                return take(headLength);
            }
        } catch (IOException e) {
            log.debug("connection ended: {}", e.getMessage());
            return null;
        } catch (DataReader.InsufficientDataAvailableException e) {
            return null;
        }
    }

    private static boolean isTrackerUpgrade(RequestHead h) {
        return h.method().equals("GET") && "websocket".equalsIgnoreCase(h.header("upgrade")) && h.path().equals("/tracker/socket");
    }

    /** A Content-Length Helidon will read; a bad one goes to Helidon to refuse, with nothing after it taken for a body. */
    private long bodyLength(String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= 0) return n;
        } catch (NumberFormatException ignored) {
            // Helidon answers it
        }
        passThrough = true;
        return 0;
    }

    /**
     * The tracker's loops own the socket from here; this thread waits for it to close, since
     * Helidon closes a connection's socket when its handler returns.
     */
    private void handToTracker(byte[] received) throws IOException {
        CountDownLatch closed = new CountDownLatch(1);
        trackerClosed = closed;
        fast.tracker().adopt(channel, received, closed::countDown);
        try {
            closed.await();
        } catch (InterruptedException e) {
            closeChannel();
            Thread.currentThread().interrupt();
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing a tracker socket: {}", e.getMessage());
        }
    }

    private int available() {
        return to - from;
    }

    /** Reads more from the socket into the buffer; false at its end. */
    private boolean fill() {
        byte[] more = read();
        if (more == null) return false;
        if (from == to) {
            buf = more;
            from = 0;
            to = more.length;
            return true;
        }
        if (to + more.length > buf.length) {
            int n = available();
            byte[] grown = n + more.length > buf.length ? new byte[Math.max(2 * buf.length, n + more.length)] : buf;
            System.arraycopy(buf, from, grown, 0, n);
            buf = grown;
            from = 0;
            to = n;
        }
        System.arraycopy(more, 0, buf, to, more.length);
        to += more.length;
        return true;
    }

    private byte[] read() {
        try {
            socket.ensureAvailable();
            return socket.readBytes(socket.available());
        } catch (DataReader.InsufficientDataAvailableException e) {
            return null;
        }
    }

    private byte[] take(int n) {
        byte[] out = from == 0 && n == buf.length ? buf : Arrays.copyOfRange(buf, from, from + n);
        skip(n);
        return out;
    }

    private void skip(int n) {
        from += n;
        if (from == to) {
            from = 0;
            to = 0;
            buf = buf.length > MAX_HEAD ? new byte[0] : buf;
        }
    }
}

package tandem.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An optional second listener (`media_port`) that serves only static media, through the same
 * {@link MediaExchange} (sendfile, same privacy rules) as the main port's front. The main port
 * serves media files as fast; this listener remains for setups that route media to a port of its own.
 */
public final class ZeroCopyMediaServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZeroCopyMediaServer.class);
    private static final int MAX_HEAD = 16 * 1024;

    private final String host;
    private final int port;
    private final MediaExchange exchange;
    private final ConnectionGate gate;
    private final int headTimeoutMillis;
    private final int idleTimeoutMillis;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private ServerSocketChannel server;
    private volatile boolean closed;

    /**
     * @param headTimeout how long a request head may take from its first byte (or from the connection)
     * @param idleTimeout how long a kept-alive connection may wait for its next request
     */
    public ZeroCopyMediaServer(String host, int port, MediaResolver media, BlobStore blobs, ConnectionGate gate,
                               Duration headTimeout, Duration idleTimeout) {
        this.host = host;
        this.port = port;
        this.exchange = new MediaExchange(media, blobs);
        this.gate = gate;
        this.headTimeoutMillis = (int) headTimeout.toMillis();
        this.idleTimeoutMillis = (int) idleTimeout.toMillis();
    }

    public ZeroCopyMediaServer start() throws IOException {
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(host, port), 1024);
        Thread.ofPlatform().name("media-accept").daemon().start(this::acceptLoop);
        log.info("zero-copy media listener on port {}", port());
        return this;
    }

    public int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    /** Accepts until closed; an accept error (out of file descriptors) pauses it instead of ending it. */
    private void acceptLoop() {
        AcceptBackoff backoff = new AcceptBackoff("media");
        while (!closed) {
            try {
                SocketChannel s = server.accept();
                backoff.succeeded();
                ConnectionGate.Admitted a = gate.admit(s);
                if (a == null) {
                    s.close();
                    continue;
                }
                open.add(s);
                Thread.ofVirtual().name("media-conn").start(() -> serve(a));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) backoff.failed(e);
            }
        }
    }

    /** One keep-alive connection: requests are answered in order until the client closes. */
    private void serve(ConnectionGate.Admitted admitted) {
        SocketChannel s = admitted.channel();
        try (s) {
            s.setOption(StandardSocketOptions.TCP_NODELAY, true);
            // Reads go through the socket's stream, the one way to read a blocking channel with a timeout.
            InputStream socketIn = s.socket().getInputStream();
            ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
            boolean first = true;
            while (!closed) {
                int end;
                long headDeadline = first ? System.currentTimeMillis() + headTimeoutMillis : 0;
                while ((end = RequestHead.end(in.array(), 0, in.position())) < 0) {
                    if (!in.hasRemaining()) {
                        MediaExchange.refuse(s, 431, "Request header too large");
                        return;
                    }
                    if (headDeadline == 0 && in.position() > 0) headDeadline = System.currentTimeMillis() + headTimeoutMillis;
                    int wait = headDeadline == 0 ? idleTimeoutMillis : (int) Math.max(1, headDeadline - System.currentTimeMillis());
                    s.socket().setSoTimeout(wait);
                    int n = socketIn.read(in.array(), in.position(), in.remaining());
                    if (n < 0) return;
                    in.position(in.position() + n);
                }
                first = false;
                RequestHead head = RequestHead.parse(in.array(), 0, end);
                int rest = in.position() - (end + 4);
                System.arraycopy(in.array(), end + 4, in.array(), 0, rest);
                in.position(rest);
                if (head == null) {
                    MediaExchange.refuse(s, 400, "Malformed request line");
                    return;
                }
                if (!exchange.answer(s, head).keepAlive()) return;
            }
        } catch (SocketTimeoutException e) {
            log.debug("media connection timed out waiting for a request");
        } catch (IOException e) {
            log.debug("media connection ended: {}", e.getMessage());
        } finally {
            open.remove(s);
            gate.release(admitted);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) server.close();
        } catch (IOException e) {
            log.warn("closing the media listener", e);
        }
        for (SocketChannel s : open) {
            try {
                s.close();
            } catch (IOException e) {
                log.debug("closing a media connection", e);
            }
        }
    }
}

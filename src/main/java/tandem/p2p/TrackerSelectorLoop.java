package tandem.p2p;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One selector thread of {@link TrackerWebSocketServer} and the sockets it owns; tracker work for
 * a socket runs on its thread. Its read and write buffers are shared by all of its sockets.
 */
public final class TrackerSelectorLoop implements Runnable {
    // The listener's logger, so one logger name configures all of it.
    private static final Logger log = LoggerFactory.getLogger(TrackerWebSocketServer.class);
    private static final int READ_BUFFER = 64 * 1024;
    private static final int WRITE_BUFFER = 64 * 1024;
    private static final int FLUSH_EVERY = Integer.getInteger("tandem.tracker.flushEvery", 16);

    private final TrackerWebSocketServer server;
    private final long idleMillis;
    final Selector selector;
    final Thread thread;
    private final ConcurrentLinkedQueue<TrackerConnection> incoming = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TrackerConnection> flushRequests = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
    private final ByteBuffer out = ByteBuffer.allocateDirect(WRITE_BUFFER);
    private final ArrayList<TrackerConnection> dirty = new ArrayList<>();
    private final List<TrackerConnection> handshaking = new ArrayList<>();
    private long lastIdleCheck = System.currentTimeMillis();

    /** @param idleMillis a socket that sends nothing for this long is closed */
    TrackerSelectorLoop(TrackerWebSocketServer server, int i, long idleMillis) throws IOException {
        this.server = server;
        this.idleMillis = idleMillis;
        selector = Selector.open();
        thread = Thread.ofPlatform().name("tracker-ws-" + i).daemon().unstarted(this);
    }

    /** Takes a newly accepted socket, from this loop's thread or another loop's. */
    void adopt(TrackerConnection c) {
        if (Thread.currentThread() == thread) register(c);
        else {
            incoming.add(c);
            selector.wakeup();
        }
    }

    /** Asks this loop to flush a socket (from another thread). */
    void requestFlush(TrackerConnection c) {
        flushRequests.add(c);
        if (woken.compareAndSet(false, true)) selector.wakeup();
    }

    @Override
    public void run() {
        try {
            boolean accepting = this == server.acceptingLoop();
            while (!server.isClosed()) {
                long paused = accepting ? server.resumeAccepting(System.currentTimeMillis()) : 0;
                selector.select(paused > 0 ? paused : 1000);
                woken.set(false);
                TrackerConnection c;
                while ((c = incoming.poll()) != null) register(c);
                while ((c = flushRequests.poll()) != null) markDirty(c);
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                int handled = 0;
                while (it.hasNext()) {
                    // Flush every few sockets rather than once per batch: peers get their frames
                    // while the rest of the batch is read (no lock-step with closed-loop clients),
                    // and frames for one socket still share writes.
                    if (++handled % FLUSH_EVERY == 0) flushAll();
                    SelectionKey k = it.next();
                    it.remove();
                    try {
                        if (k.attachment() == null) {
                            if (k.isAcceptable()) server.acceptAll();
                            continue;
                        }
                        TrackerConnection conn = (TrackerConnection) k.attachment();
                        if (k.isWritable()) markDirty(conn);
                        if (k.isReadable()) conn.onReadable(in);
                    } catch (CancelledKeyException ignored) {
                        // closed while its events were pending
                    }
                }
                flushAll();
                expire();
            }
        } catch (ClosedSelectorException ignored) {
        } catch (IOException | RuntimeException e) {
            if (!server.isClosed()) log.error("tracker listener loop failed", e);
        } finally {
            for (SelectionKey k : selector.keys()) if (k.attachment() instanceof TrackerConnection c) c.closeNow();
            try {
                selector.close();
            } catch (IOException ignored) {
            }
        }
    }

    private void register(TrackerConnection c) {
        try {
            c.key = c.ch.register(selector, SelectionKey.OP_READ, c);
            handshaking.add(c);
            c.replayReceived();
        } catch (IOException e) {
            c.closeNow();
        }
    }

    void markDirty(TrackerConnection c) {
        if (!c.dirty) {
            c.dirty = true;
            dirty.add(c);
        }
    }

    private void flushAll() {
        // flush() may mark more sockets dirty (none today); index loop tolerates growth.
        for (int i = 0; i < dirty.size(); i++) {
            TrackerConnection c = dirty.get(i);
            c.dirty = false;
            c.flush(out);
        }
        dirty.clear();
    }

    /** Closes handshakes unfinished within the listener's handshake time and silent sockets after the idle limit. */
    private void expire() {
        long now = System.currentTimeMillis();
        if (now - lastIdleCheck < 1000) return;
        lastIdleCheck = now;
        handshaking.removeIf(c -> {
            if (c.upgraded || c.closed) return true;
            if (now - c.openedAt > server.handshakeMillis()) {
                c.closeNow();
                return true;
            }
            return false;
        });
        for (SelectionKey k : selector.keys()) {
            if (k.attachment() instanceof TrackerConnection c && c.upgraded && now - c.lastRead > idleMillis) c.closeNow();
        }
    }
}

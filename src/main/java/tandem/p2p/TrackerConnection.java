package tandem.p2p;

import tandem.net.WebSocketHandshake;
import tandem.net.WebSocketFrames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

import static tandem.net.WebSocketFrames.MAX_MESSAGE;
import static tandem.net.WebSocketFrames.serverFrame;

/**
 * One socket of {@link TrackerWebSocketServer}: handshake, then frames in and out. Reading runs on
 * the owning {@link TrackerSelectorLoop}'s thread; frames may be queued from any thread.
 */
public final class TrackerConnection implements PeerConnection {
    // The listener's logger, so one logger name configures all of it.
    private static final Logger log = LoggerFactory.getLogger(TrackerWebSocketServer.class);
    /** Bytes queued for a socket that does not read; past it the socket is closed. */
    static final int MAX_QUEUED = 1024 * 1024;
    private static final int SMALL_PARTIAL = 4096;

    final TrackerSelectorLoop loop;
    final SocketChannel ch;
    private final Tracker tracker;
    private final Runnable onClose;
    final String ip;
    SelectionKey key;
    final long openedAt = System.currentTimeMillis();
    long lastRead = openedAt;
    boolean upgraded;
    volatile boolean closed;
    // read side (loop thread only)
    private byte[] partial;         // an incomplete frame (or request head) carried to the next read
    private int partialLength;
    private byte[] message;         // a fragmented text message being collected
    private int messageLength;
    private int messageOpcode;      // 0: none in progress
    boolean dirty;
    // write side (guarded by this)
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(2);
    private int queued;
    private ByteBuffer unsent;      // the tail of a write the socket did not take
    private boolean closeAfterFlush;

    /** @param onClose run once when this socket closes (the listener counts its sockets) */
    TrackerConnection(TrackerSelectorLoop loop, SocketChannel ch, Tracker tracker, Runnable onClose) {
        this(loop, ch, tracker, onClose, null);
    }

    /** @param received bytes another reader already took off the socket (a request head), handled before the first read */
    TrackerConnection(TrackerSelectorLoop loop, SocketChannel ch, Tracker tracker, Runnable onClose, byte[] received) {
        if (received != null && received.length > 0) {
            partial = received;
            partialLength = received.length;
        }
        this.loop = loop;
        this.ch = ch;
        this.tracker = tracker;
        this.onClose = onClose;
        String a;
        try {
            a = ((InetSocketAddress) ch.getRemoteAddress()).getAddress().getHostAddress();
        } catch (IOException | RuntimeException e) {
            a = "unknown";
        }
        this.ip = a;
    }

    @Override
    public String ip() {
        return ip;
    }

    @Override
    public void send(String json) {
        enqueue(serverFrame(0x1, json.getBytes(StandardCharsets.UTF_8)), false);
    }

    @Override
    public void close() {
        closeWith(1000, "bye");
    }

    private void closeWith(int status, String reason) {
        enqueue(WebSocketFrames.closeFrame(status, reason), true);
    }

    /** Queues a frame from any thread; the owning loop writes it after the current batch. */
    private void enqueue(byte[] frame, boolean thenClose) {
        boolean overflow = false;
        synchronized (this) {
            if (closed || closeAfterFlush) return;
            if (queued + frame.length > MAX_QUEUED) {
                overflow = true; // a socket that does not read: drop it rather than buffer without end
                closeAfterFlush = true;
            } else {
                queue.add(frame);
                queued += frame.length;
                closeAfterFlush = thenClose;
            }
        }
        if (overflow) log.debug("tracker socket {} stopped reading; closing it", ip);
        if (Thread.currentThread() == loop.thread) loop.markDirty(this);
        else loop.requestFlush(this);
    }

    /** Writes what is queued (loop thread); the frames queued in one batch go out in one write. */
    void flush(ByteBuffer out) {
        if (closed) return;
        boolean thenClose;
        synchronized (this) {
            try {
                if (unsent != null) {
                    ch.write(unsent);
                    if (unsent.hasRemaining()) return; // OP_WRITE is still on
                    unsent = null;
                }
                while (!queue.isEmpty()) {
                    out.clear();
                    while (!queue.isEmpty() && queue.peek().length <= out.remaining()) {
                        byte[] f = queue.poll();
                        out.put(f);
                        queued -= f.length;
                    }
                    ByteBuffer b;
                    if (out.position() == 0) { // one frame larger than the buffer
                        byte[] f = queue.poll();
                        queued -= f.length;
                        b = ByteBuffer.wrap(f);
                    } else {
                        b = out.flip();
                    }
                    ch.write(b);
                    if (b.hasRemaining()) {
                        unsent = b == out ? ByteBuffer.allocate(out.remaining()).put(out).flip() : b;
                        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                        return;
                    }
                }
                if ((key.interestOps() & SelectionKey.OP_WRITE) != 0) key.interestOps(SelectionKey.OP_READ);
            } catch (IOException | CancelledKeyException e) {
                queue.clear();
                queued = 0;
                closeAfterFlush = true;
            }
            thenClose = closeAfterFlush;
        }
        if (thenClose) closeNow();
    }

    /** Closes the socket now and takes it out of the tracker (once). */
    void closeNow() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            queue.clear();
            unsent = null;
        }
        onClose.run();
        if (key != null) key.cancel();
        try {
            ch.close();
        } catch (IOException ignored) {
        }
        if (upgraded) tracker.onClose(this);
    }

    /** Reads once; handles every complete request head or frame in what arrived. */
    void onReadable(ByteBuffer in) {
        if (closed) return;
        byte[] buf;
        int len;
        boolean own = partial != null && partial.length > partialLength;
        try {
            if (own) {
                // A large frame in progress: read into its own array, sized to the whole frame.
                buf = partial;
                len = partialLength;
                ByteBuffer b = ByteBuffer.wrap(buf, len, buf.length - len);
                int n = ch.read(b);
                if (n < 0) {
                    closeNow();
                    return;
                }
                len += n;
                partial = null;
            } else {
                in.clear();
                if (partial != null) {
                    in.put(partial, 0, partialLength);
                    partial = null;
                }
                int n = ch.read(in);
                if (n < 0) {
                    closeNow();
                    return;
                }
                buf = in.array();
                len = in.position();
            }
        } catch (IOException e) {
            closeNow();
            return;
        }
        consume(buf, len, own);
    }

    /** Handles bytes handed over with the socket, as if they had just been read (loop thread). */
    void replayReceived() {
        if (closed || partial == null) return;
        byte[] buf = partial;
        int len = partialLength;
        partial = null;
        consume(buf, len, false);
    }

    private void consume(byte[] buf, int len, boolean own) {
        lastRead = System.currentTimeMillis();
        int at = upgraded ? 0 : handshake(buf, len);
        if (at < 0) return;
        at = frames(buf, at, len);
        if (at < 0 || closed) return;
        keep(buf, at, len, own);
    }

    /**
     * Keeps the unconsumed bytes for the next read: as they are when few; for a large frame,
     * in an array that later reads fill in place and that doubles as bytes arrive, up to the
     * frame's size (memory follows what the client really sent, not what it announced).
     */
    private void keep(byte[] buf, int from, int len, boolean own) {
        int rest = len - from;
        if (rest == 0) return;
        int need = upgraded ? WebSocketFrames.frameLength(buf, from, len) : -1;
        if (need > SMALL_PARTIAL) {
            if (own && from == 0 && buf.length > rest) {
                partial = buf; // room left: the next read goes on filling it
            } else {
                partial = new byte[Math.min(need, Math.max(2 * rest, 4 * SMALL_PARTIAL))];
                System.arraycopy(buf, from, partial, 0, rest);
            }
        } else {
            partial = Arrays.copyOfRange(buf, from, len);
        }
        partialLength = rest;
    }

    /** Answers the HTTP upgrade request; returns where frames start, or -1 (incomplete or refused). */
    private int handshake(byte[] buf, int len) {
        WebSocketHandshake.Reply reply = WebSocketHandshake.reply(buf, len);
        if (reply == null) {
            keep(buf, 0, len, false);
            return -1;
        }
        synchronized (this) {
            queue.add(reply.response());
            queued += reply.response().length;
            if (!reply.upgrades()) closeAfterFlush = true;
        }
        loop.markDirty(this);
        if (!reply.upgrades()) return -1;
        upgraded = true;
        tracker.onOpen(this);
        return reply.framesAt();
    }

    /**
     * Handles the complete frames in buf[at, len); returns where the first incomplete one
     * starts, or -1 when the socket is closing.
     */
    private int frames(byte[] b, int at, int len) {
        while (len - at >= 2) {
            int b0 = b[at] & 0xff, b1 = b[at + 1] & 0xff;
            boolean fin = (b0 & 0x80) != 0;
            int op = b0 & 0x0f;
            if ((b0 & 0x70) != 0 || (b1 & 0x80) == 0) return protocolError(1002, (b1 & 0x80) == 0 ? "frames must be masked" : "no extensions");
            long n = b1 & 0x7f;
            int h = 2;
            if (n == 126) {
                if (len - at < 4) break;
                n = (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
                h = 4;
            } else if (n == 127) {
                if (len - at < 10) break;
                n = ByteBuffer.wrap(b, at + 2, 8).getLong();
                h = 10;
            }
            if (n < 0 || n > MAX_MESSAGE) return protocolError(1009, "message too big");
            if (op >= 0x8 && (!fin || n > 125)) return protocolError(1002, "bad control frame");
            int size = h + 4 + (int) n;
            if (len - at < size) break;
            int from = at + h + 4, plen = (int) n;
            WebSocketFrames.unmask(b, at + h, from, plen);
            at += size;
            if (!frame(fin, op, b, from, plen)) return -1;
        }
        return at;
    }

    /** One unmasked frame; false when the socket is closing. */
    private boolean frame(boolean fin, int op, byte[] b, int from, int len) {
        switch (op) {
            case 0x1, 0x2 -> {
                if (messageOpcode != 0) return protocolError(1002, "expected a continuation frame") >= 0;
                if (op == 0x2) return protocolError(1003, "text frames only") >= 0;
                if (fin) return text(b, from, len);
                messageOpcode = op;
                message = Arrays.copyOfRange(b, from, from + Math.max(len, 256));
                messageLength = len;
                return true;
            }
            case 0x0 -> {
                if (messageOpcode == 0) return protocolError(1002, "continuation without a message") >= 0;
                if (messageLength + len > MAX_MESSAGE) return protocolError(1009, "message too big") >= 0;
                if (messageLength + len > message.length) message = Arrays.copyOf(message, Math.min(MAX_MESSAGE, Math.max(messageLength + len, message.length * 2)));
                System.arraycopy(b, from, message, messageLength, len);
                messageLength += len;
                if (!fin) return true;
                byte[] m = message;
                int ml = messageLength;
                message = null;
                messageLength = 0;
                messageOpcode = 0;
                return text(m, 0, ml);
            }
            case 0x8 -> {
                if (len == 1) return protocolError(1002, "bad close frame") >= 0;
                int status = len >= 2 ? (b[from] & 0xff) << 8 | b[from + 1] & 0xff : 1000;
                closeWith(status == 1005 || status == 1006 || status == 1015 ? 1000 : status, "");
                return false;
            }
            case 0x9 -> {
                enqueue(serverFrame(0xA, Arrays.copyOfRange(b, from, from + len)), false);
                return true;
            }
            case 0xA -> {
                return true;
            }
            default -> {
                return protocolError(1002, "unknown opcode") >= 0;
            }
        }
    }

    private boolean text(byte[] b, int from, int len) {
        String s = new String(b, from, len, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0 && !WebSocketFrames.validUtf8(b, from, len)) return protocolError(1007, "invalid UTF-8") >= 0;
        tracker.onMessage(this, s);
        return !closed && !closeAfterFlush;
    }

    private int protocolError(int status, String reason) {
        closeWith(status, reason);
        return -1;
    }
}

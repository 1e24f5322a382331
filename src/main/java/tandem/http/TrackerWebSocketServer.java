package tandem.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.p2p.PeerConnection;
import tandem.p2p.Tracker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An optional second listener (`TANDEM_TRACKER_PORT`) that serves only the WebTorrent tracker's
 * WebSocket, `/tracker/socket`, on a few NIO selector threads instead of a thread and Helidon's
 * buffers per connection: a tracker holds many mostly idle sockets and relays small frames, so
 * per-connection memory and per-frame overhead are what count. It speaks RFC 6455 itself
 * (handshake, masking, fragmentation, ping/pong, close, size limits; no extensions, Origin not
 * required) and hands text messages to the same {@link Tracker} as the main port's `/tracker/socket`,
 * so both share swarms, limits and bans. Frames to one socket that are produced while one batch of
 * ready sockets is handled go out in one write.
 */
public final class TrackerWebSocketServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrackerWebSocketServer.class);
    static final String PATH = "/tracker/socket";
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEAD = 8 * 1024;
    /** One message, its fragments together; far above what a player sends (a few KB of SDP). */
    static final int MAX_MESSAGE = 256 * 1024;
    /** Bytes queued for a socket that does not read; past it the socket is closed. */
    static final int MAX_QUEUED = 1024 * 1024;
    private static final int MAX_CONNECTIONS = 100_000;
    private static final long HANDSHAKE_MILLIS = 10_000;
    private static final int READ_BUFFER = 64 * 1024;
    private static final int WRITE_BUFFER = 64 * 1024;
    private static final int SMALL_PARTIAL = 4096;
    private static final int FLUSH_EVERY = Integer.getInteger("tandem.tracker.flushEvery", 16);

    private final String host;
    private final int port;
    private final Tracker tracker;
    private final long idleMillis;
    private final Loop[] loops;
    private final AtomicInteger open = new AtomicInteger();
    private ServerSocketChannel server;
    private volatile boolean closed;
    private int nextLoop;

    /** @param idle a socket that sends nothing for this long is closed (the tracker forgets its peers after it anyway) */
    public TrackerWebSocketServer(String host, int port, Tracker tracker, Duration idle) {
        this.host = host;
        this.port = port;
        this.tracker = tracker;
        this.idleMillis = idle.toMillis();
        this.loops = new Loop[Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))];
    }

    public TrackerWebSocketServer start() throws IOException {
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(host, port), 4096);
        server.configureBlocking(false);
        for (int i = 0; i < loops.length; i++) loops[i] = new Loop(i);
        server.register(loops[0].selector, SelectionKey.OP_ACCEPT);
        for (Loop l : loops) l.thread.start();
        log.info("tracker WebSocket listener on port {} ({} selector threads)", port(), loops.length);
        return this;
    }

    public int port() {
        return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (server != null) server.close();
        } catch (IOException ignored) {
        }
        for (Loop l : loops) if (l != null) l.selector.wakeup();
        for (Loop l : loops) {
            if (l == null) continue;
            try {
                l.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One selector thread and the sockets it owns; tracker work for a socket runs on its thread. */
    private final class Loop implements Runnable {
        final Selector selector;
        final Thread thread;
        final ConcurrentLinkedQueue<Conn> incoming = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Conn> flushRequests = new ConcurrentLinkedQueue<>();
        final AtomicBoolean woken = new AtomicBoolean();
        final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);
        final ByteBuffer out = ByteBuffer.allocateDirect(WRITE_BUFFER);
        final ArrayList<Conn> dirty = new ArrayList<>();
        final List<Conn> handshaking = new ArrayList<>();
        long lastIdleCheck = System.currentTimeMillis();

        Loop(int i) throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform().name("tracker-ws-" + i).daemon().unstarted(this);
        }

        /** Asks this loop to flush a socket (from another thread). */
        void requestFlush(Conn c) {
            flushRequests.add(c);
            if (woken.compareAndSet(false, true)) selector.wakeup();
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    selector.select(1000);
                    woken.set(false);
                    Conn c;
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
                                if (k.isAcceptable()) accept();
                                continue;
                            }
                            Conn conn = (Conn) k.attachment();
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
                if (!closed) log.error("tracker listener loop failed", e);
            } finally {
                for (SelectionKey k : selector.keys()) if (k.attachment() instanceof Conn c) c.closeNow();
                try {
                    selector.close();
                } catch (IOException ignored) {
                }
            }
        }

        private void accept() throws IOException {
            SocketChannel ch;
            while ((ch = server.accept()) != null) {
                if (open.get() >= MAX_CONNECTIONS) {
                    ch.close();
                    continue;
                }
                open.incrementAndGet();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Loop owner = loops[nextLoop++ % loops.length];
                Conn c = new Conn(owner, ch);
                if (owner == this) register(c);
                else {
                    owner.incoming.add(c);
                    owner.selector.wakeup();
                }
            }
        }

        private void register(Conn c) {
            try {
                c.key = c.ch.register(selector, SelectionKey.OP_READ, c);
                handshaking.add(c);
            } catch (IOException e) {
                c.closeNow();
            }
        }

        void markDirty(Conn c) {
            if (!c.dirty) {
                c.dirty = true;
                dirty.add(c);
            }
        }

        private void flushAll() {
            // flush() may mark more sockets dirty (none today); index loop tolerates growth.
            for (int i = 0; i < dirty.size(); i++) {
                Conn c = dirty.get(i);
                c.dirty = false;
                c.flush(out);
            }
            dirty.clear();
        }

        /** Closes handshakes unfinished 10 s after the connection and silent sockets after the idle limit. */
        private void expire() {
            long now = System.currentTimeMillis();
            if (now - lastIdleCheck < 1000) return;
            lastIdleCheck = now;
            handshaking.removeIf(c -> {
                if (c.upgraded || c.closed) return true;
                if (now - c.openedAt > HANDSHAKE_MILLIS) {
                    c.closeNow();
                    return true;
                }
                return false;
            });
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Conn c && c.upgraded && now - c.lastRead > idleMillis) c.closeNow();
            }
        }
    }

    /** One socket: handshake, then frames in and out. */
    private final class Conn implements PeerConnection {
        final Loop loop;
        final SocketChannel ch;
        final String ip;
        SelectionKey key;
        final long openedAt = System.currentTimeMillis();
        long lastRead = openedAt;
        boolean upgraded;
        volatile boolean closed;
        // read side (loop thread only)
        byte[] partial;         // an incomplete frame (or request head) carried to the next read
        int partialLength;
        byte[] message;         // a fragmented text message being collected
        int messageLength;
        int messageOpcode;      // 0: none in progress
        boolean dirty;
        // write side (guarded by this)
        final ArrayDeque<byte[]> queue = new ArrayDeque<>(2);
        int queued;
        ByteBuffer unsent;      // the tail of a write the socket did not take
        boolean closeAfterFlush;

        Conn(Loop loop, SocketChannel ch) {
            this.loop = loop;
            this.ch = ch;
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

        void closeWith(int status, String reason) {
            byte[] r = reason.getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[2 + r.length];
            body[0] = (byte) (status >> 8);
            body[1] = (byte) status;
            System.arraycopy(r, 0, body, 2, r.length);
            enqueue(serverFrame(0x8, body), true);
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
            open.decrementAndGet();
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
            int need = upgraded ? frameLength(buf, from, len) : -1;
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

        /** The whole length of the frame starting at `at` once its header is in, else -1. */
        private static int frameLength(byte[] b, int at, int len) {
            if (len - at < 2) return -1;
            int n = b[at + 1] & 0x7f, h = 6;
            if (n == 126) {
                if (len - at < 4) return -1;
                n = (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
                h = 8;
            } else if (n == 127) {
                if (len - at < 10) return -1;
                long l = ByteBuffer.wrap(b, at + 2, 8).getLong();
                if (l < 0 || l > MAX_MESSAGE) return -1;
                n = (int) l;
                h = 14;
            }
            return h + Math.min(n, MAX_MESSAGE);
        }

        /** Parses the HTTP upgrade request; returns where frames start, or -1 (incomplete or refused). */
        private int handshake(byte[] buf, int len) {
            int end = -1;
            for (int i = 3; i < len; i++) {
                if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                    end = i + 1;
                    break;
                }
            }
            if (end < 0) {
                if (len > MAX_HEAD) reject(431, "Request Header Fields Too Large");
                else keep(buf, 0, len, false);
                return -1;
            }
            if (end > MAX_HEAD) {
                reject(431, "Request Header Fields Too Large");
                return -1;
            }
            String[] lines = new String(buf, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] start = lines[0].split(" ");
            if (start.length != 3 || !start[0].equals("GET") || !start[2].equals("HTTP/1.1")) {
                reject(400, "Bad Request");
                return -1;
            }
            String path = start[1].contains("?") ? start[1].substring(0, start[1].indexOf('?')) : start[1];
            if (!path.equals(PATH)) {
                reject(404, "Not Found");
                return -1;
            }
            String upgrade = null, connection = null, version = null, wsKey = null;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) continue;
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                switch (name) {
                    case "upgrade" -> upgrade = value;
                    case "connection" -> connection = value;
                    case "sec-websocket-version" -> version = value;
                    case "sec-websocket-key" -> wsKey = value;
                    default -> { }
                }
            }
            if (upgrade == null || !hasToken(upgrade, "websocket") || connection == null || !hasToken(connection, "upgrade")) {
                reject(426, "Upgrade Required");
                return -1;
            }
            if (!"13".equals(version)) {
                reject(426, "Upgrade Required");
                return -1;
            }
            if (!validKey(wsKey)) {
                reject(400, "Bad Request");
                return -1;
            }
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + accept(wsKey) + "\r\n\r\n";
            synchronized (this) {
                queue.add(response.getBytes(StandardCharsets.ISO_8859_1));
                queued += response.length();
            }
            loop.markDirty(this);
            upgraded = true;
            tracker.onOpen(this);
            return end;
        }

        private void reject(int status, String reason) {
            String body = status + " " + reason + "\n";
            String extra = status == 426 ? "Sec-WebSocket-Version: 13\r\n" : "";
            String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n" + extra + "\r\n" + body;
            synchronized (this) {
                queue.add(head.getBytes(StandardCharsets.ISO_8859_1));
                queued += head.length();
                closeAfterFlush = true;
            }
            loop.markDirty(this);
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
                unmask(b, at + h, from, plen);
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
            if (s.indexOf('\uFFFD') >= 0 && !validUtf8(b, from, len)) return protocolError(1007, "invalid UTF-8") >= 0;
            tracker.onMessage(this, s);
            return !closed && !closeAfterFlush;
        }

        private int protocolError(int status, String reason) {
            closeWith(status, reason);
            return -1;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** XORs the payload with its 4-byte key, eight bytes at a time. */
    static void unmask(byte[] b, int keyAt, int from, int len) {
        int key = (b[keyAt] & 0xff) | (b[keyAt + 1] & 0xff) << 8 | (b[keyAt + 2] & 0xff) << 16 | (b[keyAt + 3] & 0xff) << 24;
        long key8 = (key & 0xffffffffL) | (long) key << 32;
        int i = 0;
        for (; i + 8 <= len; i += 8) LONGS.set(b, from + i, (long) LONGS.get(b, from + i) ^ key8);
        for (; i < len; i++) b[from + i] ^= b[keyAt + (i & 3)];
    }

    /** A server frame (unmasked) with the given opcode and payload. */
    static byte[] serverFrame(int opcode, byte[] payload) {
        int n = payload.length;
        int h = n < 126 ? 2 : n < 65536 ? 4 : 10;
        byte[] f = new byte[h + n];
        f[0] = (byte) (0x80 | opcode);
        if (n < 126) {
            f[1] = (byte) n;
        } else if (n < 65536) {
            f[1] = 126;
            f[2] = (byte) (n >> 8);
            f[3] = (byte) n;
        } else {
            f[1] = 127;
            for (int i = 0; i < 8; i++) f[2 + i] = (byte) ((long) n >> (56 - 8 * i));
        }
        System.arraycopy(payload, 0, f, h, n);
        return f;
    }

    static String accept(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean validKey(String key) {
        if (key == null) return false;
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasToken(String header, String token) {
        for (String t : header.split(",")) if (t.trim().equalsIgnoreCase(token)) return true;
        return false;
    }

    private static boolean validUtf8(byte[] b, int from, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, from, len));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

}

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop WebTorrent tracker load for bench/tracker.sh: C sockets spread over S swarms, each
 * announcing with two WebRTC offers (placeholder SDP: a tracker relays offers without reading
 * them), then announcing again as soon as its reply arrives. Prints one JSON line: replies/s,
 * offers relayed/s, failures, open sockets, and the generator's own CPU use (cores), so that a
 * saturated generator shows in the results.
 *
 * <p>Usage: {@code java LoadGen.java <ws url> <connections> <swarms> <warmup s> <measure s> [hold s]}.
 * With hold: open the sockets, announce once each, print, then idle (for RSS per connection).
 * Env GEN_THREADS (1): selector threads sharing the sockets; RAMP (64): concurrent handshakes;
 * SERVER_PID: also report the server's CPU use in the measured window (from /proc), so that its
 * announces per CPU-second can be compared even when other work shares the machine.
 *
 * <p>It must stay much cheaper than the servers it measures, so it speaks RFC 6455 itself on
 * non-blocking sockets: each socket's announce is one masked frame built once and re-sent as is,
 * and server frames are classified by a byte search, never parsed. All sockets are opened (ramped)
 * before the first announce, and every first reply is in before the warm-up starts.
 */
public final class LoadGen {
    static final byte[] INTERVAL = bytes("\"interval\":");
    static final byte[] FAILURE = bytes("\"failure reason\"");
    static final byte[] OFFER = bytes("\"offer\":");
    static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n" + "a=x".repeat(60);

    static volatile boolean counting;
    static volatile boolean hold;
    static final LongAdder replies = new LongAdder(), offers = new LongAdder(), failures = new LongAdder(), closed = new LongAdder();
    static final AtomicInteger firstReplies = new AtomicInteger();

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One socket: its announce frame and what is left of a frame split across reads. */
    static final class Peer {
        final SocketChannel ch;
        final byte[] frame;
        byte[] rest;
        ByteBuffer pending;
        boolean got;

        Peer(SocketChannel ch, byte[] frame) {
            this.ch = ch;
            this.frame = frame;
        }
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        int conns = Integer.parseInt(args[1]), swarms = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]), measure = Integer.parseInt(args[4]);
        int holdFor = args.length > 5 && !args[5].isBlank() ? Integer.parseInt(args[5]) : -1;
        hold = holdFor >= 0;
        int threads = Integer.parseInt(System.getenv().getOrDefault("GEN_THREADS", "1"));
        int ramp = Integer.parseInt(System.getenv().getOrDefault("RAMP", "64"));
        InetSocketAddress addr = new InetSocketAddress(url.getHost(), url.getPort());

        String[] hashes = new String[swarms];
        for (int i = 0; i < swarms; i++) hashes[i] = jsonBinary(20);
        // Open every socket first (a bounded number of handshakes at a time), announce afterwards.
        List<Peer> peers = new ArrayList<>();
        AtomicInteger next = new AtomicInteger(), errors = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(ramp)) {
            for (int t = 0; t < ramp; t++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < conns) {
                        try {
                            Peer p = new Peer(handshake(addr, url), announceFrame(hashes[i % swarms]));
                            synchronized (peers) {
                                peers.add(p);
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        int open = peers.size();
        List<Selector> selectors = new ArrayList<>();
        for (int t = 0; t < threads; t++) selectors.add(Selector.open());
        for (int i = 0; i < open; i++) {
            Peer p = peers.get(i);
            p.ch.configureBlocking(false);
            p.ch.register(selectors.get(i % threads), SelectionKey.OP_READ, p);
        }
        for (Selector sel : selectors) Thread.ofPlatform().daemon().start(() -> loop(sel));
        long t0open = System.nanoTime();
        for (Peer p : peers) {
            synchronized (p) {
                send(p, selectorKey(p, selectors));
            }
        }
        for (Selector sel : selectors) sel.wakeup();
        for (int i = 0; i < 600 && firstReplies.get() < open; i++) Thread.sleep(100);
        if (System.getenv("DEBUG") != null)
            System.err.printf("open %d, first replies %d after %d ms%n", open, firstReplies.get(), (System.nanoTime() - t0open) / 1_000_000);

        if (hold) {
            System.out.printf("{\"open\":%d,\"firstReplies\":%d,\"errors\":%d,\"failures\":%d}%n", open, firstReplies.get(), errors.get(), failures.sum());
            System.out.flush();
            Thread.sleep(holdFor * 1000L);
        } else {
            Thread.sleep(warmup * 1000L);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long s0 = serverTicks(), c0 = os.getProcessCpuTime(), r0 = replies.sum(), o0 = offers.sum(), n0 = System.nanoTime();
            counting = true;
            Thread.sleep(measure * 1000L);
            counting = false;
            double secs = (System.nanoTime() - n0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9 / secs;
            double serverCpu = (serverTicks() - s0) / 100.0 / secs;
            System.out.printf("{\"open\":%d,\"repliesPerSec\":%.1f,\"offersPerSec\":%.1f,\"failures\":%d,\"errors\":%d,\"closed\":%d,\"genCpu\":%.2f,\"serverCpu\":%.2f}%n",
                    open, (replies.sum() - r0) / secs, (offers.sum() - o0) / secs, failures.sum(), errors.get(), closed.sum(), cpu, serverCpu);
            System.out.flush();
        }
        Runtime.getRuntime().halt(0);
    }

    /** utime + stime of SERVER_PID in clock ticks (USER_HZ, 100 on Linux), or 0 when not given. */
    static long serverTicks() {
        String pid = System.getenv("SERVER_PID");
        if (pid == null || pid.isBlank()) return 0;
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid.trim(), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static SelectionKey selectorKey(Peer p, List<Selector> selectors) {
        for (Selector s : selectors) {
            SelectionKey k = p.ch.keyFor(s);
            if (k != null) return k;
        }
        return null;
    }

    static SocketChannel handshake(InetSocketAddress addr, URI url) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(addr, 30_000);
            ch.socket().setSoTimeout(30_000);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            String req = "GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            ch.socket().getOutputStream().write(bytes(req));
            // The server says nothing more until we announce, so reading byte by byte to the blank line is exact.
            InputStream in = ch.socket().getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                head.append((char) b);
                if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) break;
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) throw new IOException("no upgrade: " + head);
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** FIN + text, masked with a random key as RFC 6455 requires of clients; re-sent unchanged. */
    static byte[] announceFrame(String hashJson) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String json = "{\"action\":\"announce\",\"info_hash\":" + hashJson + ",\"peer_id\":" + jsonBinary(20)
                + ",\"numwant\":2,\"uploaded\":0,\"downloaded\":0,\"left\":100,\"offers\":["
                + offer() + "," + offer() + "]}";
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int head = n < 126 ? 2 : 4;
        byte[] f = new byte[head + 4 + n];
        f[0] = (byte) 0x81;
        if (n < 126) f[1] = (byte) (0x80 | n);
        else {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (n >> 8);
            f[3] = (byte) n;
        }
        byte[] mask = new byte[4];
        r.nextBytes(mask);
        System.arraycopy(mask, 0, f, head, 4);
        for (int i = 0; i < n; i++) f[head + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
        return f;
    }

    static String offer() {
        return "{\"offer\":{\"type\":\"offer\",\"sdp\":\"" + SDP.replace("\r\n", "\\r\\n") + "\"},\"offer_id\":" + jsonBinary(20) + "}";
    }

    /**
     * A random 20-byte binary id as WebTorrent clients send it: one char per byte, escaped the way
     * JavaScript's JSON.stringify does (only control chars, quote and backslash; 0x80-0xff go as
     * UTF-8), so servers parse what they would get from browsers.
     */
    static String jsonBinary(int n) {
        StringBuilder sb = new StringBuilder("\"");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            char c = (char) r.nextInt(256);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    static void send(Peer p, SelectionKey key) {
        try {
            if (p.pending != null) return; // still writing the previous one; the reply cannot precede it
            ByteBuffer b = ByteBuffer.wrap(p.frame);
            p.ch.write(b);
            if (b.hasRemaining()) {
                p.pending = b;
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        } catch (IOException e) {
            drop(p, key);
        }
    }

    static void drop(Peer p, SelectionKey key) {
        if (key.isValid()) {
            key.cancel();
            closed.increment();
        }
        try {
            p.ch.close();
        } catch (IOException ignored) {
        }
    }

    static void loop(Selector sel) {
        ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
        try {
            while (true) {
                sel.select();
                Iterator<SelectionKey> it = sel.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    Peer p = (Peer) key.attachment();
                    synchronized (p) {
                        if (!key.isValid()) continue;
                        if (key.isWritable() && p.pending != null) {
                            try {
                                p.ch.write(p.pending);
                            } catch (IOException e) {
                                drop(p, key);
                                continue;
                            }
                            if (!p.pending.hasRemaining()) {
                                p.pending = null;
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        }
                        if (key.isReadable()) read(p, key, buf);
                    }
                }
            }
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static void read(Peer p, SelectionKey key, ByteBuffer buf) {
        buf.clear();
        if (p.rest != null) buf.put(p.rest);
        int n;
        try {
            n = p.ch.read(buf);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            drop(p, key);
            return;
        }
        byte[] a = buf.array();
        int len = buf.position(), at = 0;
        while (len - at >= 2) {
            int op = a[at] & 0x0f, plen = a[at + 1] & 0x7f, h = 2;
            if (plen == 126) {
                if (len - at < 4) break;
                plen = (a[at + 2] & 0xff) << 8 | a[at + 3] & 0xff;
                h = 4;
            } else if (plen == 127) {
                if (len - at < 10) break;
                plen = (int) ByteBuffer.wrap(a, at + 2, 8).getLong();
                h = 10;
            }
            if (len - at < h + plen) break;
            frame(p, key, op, a, at + h, plen);
            at += h + plen;
        }
        p.rest = at < len ? java.util.Arrays.copyOfRange(a, at, len) : null;
    }

    static void frame(Peer p, SelectionKey key, int op, byte[] a, int from, int len) {
        if (op == 0x8) {
            drop(p, key);
            return;
        }
        if (op == 0x9) { // ping: pong with the same payload, masked with a zero key
            byte[] pong = new byte[6 + len];
            pong[0] = (byte) 0x8A;
            pong[1] = (byte) (0x80 | len);
            System.arraycopy(a, from, pong, 6, len);
            try {
                p.ch.write(ByteBuffer.wrap(pong));
            } catch (IOException e) {
                drop(p, key);
            }
            return;
        }
        if (op != 0x1) return;
        if (len < 300) {
            if (indexOf(a, from, len, FAILURE)) {
                failures.increment();
                return;
            }
            if (indexOf(a, from, len, INTERVAL)) {
                if (!p.got) {
                    p.got = true;
                    firstReplies.incrementAndGet();
                }
                if (counting) replies.increment();
                if (!hold) send(p, key);
                return;
            }
        }
        if (counting && indexOf(a, from, len, OFFER)) offers.increment();
    }

    static boolean indexOf(byte[] a, int from, int len, byte[] needle) {
        int end = from + len - needle.length;
        byte first = needle[0];
        outer:
        for (int i = from; i <= end; i++) {
            if (a[i] != first) continue;
            for (int j = 1; j < needle.length; j++) if (a[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}

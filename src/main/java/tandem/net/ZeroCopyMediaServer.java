package tandem.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.storage.BlobStore;
import tandem.storage.ZeroCopy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An optional second listener that serves only static media (GET/HEAD of PeerTube's /static,
 * /lazy-static and /download paths) and sends file bytes with `FileChannel.transferTo` straight
 * to the socket, i.e. sendfile: no copy through the JVM. Helidon has no such path, and segment
 * serving is where a video host spends its CPU. Same rules as the main listener (the MediaResolver the main listener uses too).
 */
public final class ZeroCopyMediaServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ZeroCopyMediaServer.class);
    private static final int MAX_HEAD = 16 * 1024;
    private static final long FACTS_MILLIS = 2000;
    private static final int MAX_FACTS = 10_000;

    private final String host;
    private final int port;
    private final MediaResolver media;
    private final BlobStore blobs;
    private final Optional<ZeroCopy> zeroCopy;
    private final ConnectionGate gate;
    private final int headTimeoutMillis;
    private final int idleTimeoutMillis;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, FileFacts> facts = new ConcurrentHashMap<>();
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
        this.media = media;
        this.blobs = blobs;
        this.zeroCopy = blobs.zeroCopy();
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
                while ((end = headEnd(in)) < 0) {
                    if (!in.hasRemaining()) {
                        writeAll(s, simple(431, "Request header too large", true));
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
                String head = new String(in.array(), 0, end, StandardCharsets.ISO_8859_1);
                int rest = in.position() - (end + 4);
                System.arraycopy(in.array(), end + 4, in.array(), 0, rest);
                in.position(rest);
                if (!answer(s, head)) return;
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

    /** Answers one request; false when the connection must close afterwards. */
    private boolean answer(SocketChannel s, String head) throws IOException {
        String[] lines = head.split("\r\n");
        String[] start = lines[0].split(" ");
        if (start.length != 3) {
            writeAll(s, simple(400, "Malformed request line", true));
            return false;
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        boolean keepAlive = start[2].equals("HTTP/1.1") ? !"close".equalsIgnoreCase(headers.get("connection"))
                : "keep-alive".equalsIgnoreCase(headers.get("connection"));
        if (headers.containsKey("content-length") && !"0".equals(headers.get("content-length")) || headers.containsKey("transfer-encoding")) {
            keepAlive = false; // a body we will not read: the connection cannot carry another request
        }
        String method = start[0];
        String path = start[1];
        int q = path.indexOf('?');
        String fileToken = q >= 0 ? fileToken(path.substring(q + 1)) : null;
        if (q >= 0) path = path.substring(0, q);
        path = java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (method.equals("OPTIONS")) {
            writeAll(s, head(204, "No Content", keepAlive, "Access-Control-Allow-Methods: GET, HEAD, OPTIONS\r\n"
                    + "Access-Control-Allow-Headers: Range, Authorization\r\nAccess-Control-Max-Age: 86400\r\nContent-Length: 0\r\n"));
            return keepAlive;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            writeAll(s, simple(405, "This listener only serves media files", keepAlive));
            return keepAlive;
        }
        MediaResolver.Resolved r;
        Optional<FileFacts> info;
        try {
            r = media.resolve(path, headers.get("authorization"), fileToken);
            info = facts(r.key());
        } catch (Problem p) {
            writeAll(s, simple(p.status(), p.getMessage(), keepAlive));
            return keepAlive;
        }
        if (info.isEmpty()) {
            writeAll(s, simple(404, "File not found", keepAlive));
            return keepAlive;
        }
        return sendFile(s, method.equals("HEAD"), r, info.get(), headers, keepAlive);
    }

    /** What the response head says about a file, kept two seconds: hot segments skip the stat and the date formatting. */
    private record FileFacts(long size, String etag, String headLines, long checkedAt) {}

    private Optional<FileFacts> facts(String key) throws IOException {
        long now = System.currentTimeMillis();
        FileFacts f = facts.get(key);
        if (f != null && now - f.checkedAt() < FACTS_MILLIS) return Optional.of(f);
        Optional<BlobStore.BlobInfo> info = blobs.stat(key);
        if (info.isEmpty()) {
            facts.remove(key);
            return Optional.empty();
        }
        long size = info.get().size();
        String etag = FileHeaders.etag(info.get());
        String lines = "Accept-Ranges: bytes\r\nETag: " + etag
                + "\r\nLast-Modified: " + FileHeaders.lastModified(info.get())
                + "\r\nContent-Type: " + FileHeaders.contentType(key) + "\r\n";
        if (facts.size() > MAX_FACTS) facts.clear();
        f = new FileFacts(size, etag, lines, now);
        facts.put(key, f);
        return Optional.of(f);
    }

    private boolean sendFile(SocketChannel s, boolean headOnly, MediaResolver.Resolved r, FileFacts info,
                             Map<String, String> headers, boolean keepAlive) throws IOException {
        long size = info.size();
        String etag = info.etag();
        StringBuilder h = new StringBuilder(256);
        h.append(info.headLines())
                .append("Cache-Control: ").append(r.cacheControl())
                .append("\r\n");
        if (r.downloadName() != null) h.append("Content-Disposition: ").append(r.contentDisposition()).append("\r\n");
        String inm = headers.get("if-none-match");
        if (inm != null && inm.contains(etag)) {
            writeAll(s, head(304, "Not Modified", keepAlive, h.toString()));
            return keepAlive;
        }
        long from = 0;
        long length = size;
        int status = 200;
        switch (ByteRange.parse(headers.get("range"), size)) {
            case ByteRange.Unsatisfiable u -> {
                writeAll(s, head(416, "Range Not Satisfiable", keepAlive, "Content-Range: bytes */" + size + "\r\nContent-Length: 0\r\n"));
                return keepAlive;
            }
            case ByteRange.Partial p -> {
                from = p.range().start();
                length = p.range().length();
                status = 206;
                h.append("Content-Range: bytes ").append(p.range().start()).append('-').append(p.range().end()).append('/').append(size).append("\r\n");
            }
            case ByteRange.Whole w -> { }
        }
        h.append("Content-Length: ").append(length).append("\r\n");
        ByteBuffer head = head(status, status == 206 ? "Partial Content" : "OK", keepAlive, h.toString());
        if (headOnly) {
            writeAll(s, head);
            return keepAlive;
        }
        writeAll(s, head);
        if (zeroCopy.isEmpty()) {
            copy(s, r.key(), from, length);
            return keepAlive;
        }
        try (FileChannel ch = zeroCopy.get().open(r.key())) {
            long pos = from;
            long end = from + length;
            while (pos < end) {
                long n = ch.transferTo(pos, end - pos, s);
                if (n <= 0) throw new IOException("file shrank or peer stalled while sending " + r.key());
                pos += n;
            }
        }
        return keepAlive;
    }

    /** Without local files (a remote store), the bytes go through the JVM after all, in the same pieces as the main listener. */
    private void copy(SocketChannel s, String key, long from, long length) throws IOException {
        try (InputStream in = blobs.read(key, from, length)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, FileHeaders.CHUNK));
            long left = length;
            while (left > 0) {
                int n = in.read(buf.array(), 0, (int) Math.min(buf.capacity(), left));
                if (n < 0) throw new IOException("blob shrank while sending " + key);
                writeAll(s, buf.clear().limit(n));
                left -= n;
            }
        }
    }

    private static ByteBuffer head(int status, String reason, boolean keepAlive, String extra) {
        String h = "HTTP/1.1 " + status + " " + reason + "\r\nAccess-Control-Allow-Origin: *\r\n"
                + (keepAlive ? "" : "Connection: close\r\n") + extra + "\r\n";
        return ByteBuffer.wrap(h.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A small problem+json answer, shaped like the main listener's. */
    private static ByteBuffer simple(int status, String detail, boolean keepAlive) {
        String safe = detail == null ? "" : detail.replace("\\", "\\\\").replace("\"", "\\\"");
        byte[] body = ("{\"status\":" + status + ",\"detail\":\"" + safe + "\",\"error\":\"" + safe + "\"}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer h = head(status, HttpStatus.reason(status), keepAlive,
                "Content-Type: application/problem+json; charset=utf-8\r\nContent-Length: " + body.length + "\r\n");
        return ByteBuffer.allocate(h.remaining() + body.length).put(h).put(body).flip();
    }

    private static void writeAll(SocketChannel s, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) s.write(b);
    }

    private static int headEnd(ByteBuffer in) {
        byte[] x = in.array();
        for (int i = 0; i + 3 < in.position(); i++) {
            if (x[i] == '\r' && x[i + 1] == '\n' && x[i + 2] == '\r' && x[i + 3] == '\n') return i;
        }
        return -1;
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

    /** PeerTube's {@code videoFileToken} from a query string (tokens are URL-safe: no decoding needed). */
    static String fileToken(String query) {
        for (String pair : query.split("&")) {
            if (pair.startsWith("videoFileToken=")) return pair.substring("videoFileToken=".length());
        }
        return null;
    }
}

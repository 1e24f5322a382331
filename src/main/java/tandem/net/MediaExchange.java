package tandem.net;

import tandem.core.Problem;
import tandem.storage.BlobStore;
import tandem.storage.ZeroCopy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a media request (GET/HEAD of PeerTube's /static, /lazy-static and /download paths)
 * straight on its socket, sending file bytes with `FileChannel.transferTo`, i.e. sendfile: no copy
 * through the JVM. Used by the main port's front (for the requests it takes from Helidon) and by
 * the optional media listener. Privacy rules come from the {@link MediaResolver} Helidon's routes use too.
 */
public final class MediaExchange {
    private static final long FACTS_MILLIS = 2000;
    private static final int MAX_FACTS = 10_000;

    /**
     * What became of a request: the status sent and whether the connection may carry another
     * request; {@link #DECLINED} when nothing was written.
     */
    public record Outcome(int status, boolean keepAlive) {
        /** Not answered: not a media file this exchange serves as it stands. */
        public static final Outcome DECLINED = new Outcome(0, false);

        public boolean declined() {
            return status == 0;
        }
    }

    private final MediaResolver media;
    private final BlobStore blobs;
    private final Optional<ZeroCopy> zeroCopy;
    private final ConcurrentHashMap<String, FileFacts> facts = new ConcurrentHashMap<>();

    public MediaExchange(MediaResolver media, BlobStore blobs) {
        this.media = media;
        this.blobs = blobs;
        this.zeroCopy = blobs.zeroCopy();
    }

    /** Whether a request is one {@link #serveFile} may take: GET or HEAD without a body under a media folder. */
    public static boolean looksLikeMedia(RequestHead h) {
        if (!h.method().equals("GET") && !h.method().equals("HEAD")) return false;
        if (h.hasBody()) return false;
        String t = h.target();
        return t.startsWith("/static/") || t.startsWith("/lazy-static/") || t.startsWith("/download/");
    }

    /**
     * Sends a media file when the request may have it; declines, writing nothing, when the file is
     * missing, refused or cannot be read, so the caller's general path gives its usual answer.
     */
    public Outcome serveFile(SocketChannel s, RequestHead h) throws IOException {
        Found f;
        try {
            f = find(h);
        } catch (Problem | IllegalArgumentException | IOException | java.io.UncheckedIOException e) {
            // Refused, missing or unreadable: the general path answers (and logs a storage fault).
            return Outcome.DECLINED;
        }
        return sendFile(s, h.method().equals("HEAD"), f.resolved(), f.facts(), h, h.keepAlive());
    }

    /** Answers any request as the media listener does: files, or a problem (404, 403, 405…). */
    public Outcome answer(SocketChannel s, RequestHead h) throws IOException {
        boolean keepAlive = h.keepAlive() && !h.hasBody(); // a body we will not read: the connection cannot carry another request
        if (h.method().equals("OPTIONS")) {
            writeAll(s, head(204, "No Content", keepAlive, "Access-Control-Allow-Methods: GET, HEAD, OPTIONS\r\n"
                    + "Access-Control-Allow-Headers: Range, Authorization\r\nAccess-Control-Max-Age: 86400\r\nContent-Length: 0\r\n"));
            return new Outcome(204, keepAlive);
        }
        if (!h.method().equals("GET") && !h.method().equals("HEAD")) {
            writeAll(s, simple(405, "This listener only serves media files", keepAlive));
            return new Outcome(405, keepAlive);
        }
        Found f;
        try {
            f = find(h);
        } catch (Problem p) {
            writeAll(s, simple(p.status(), p.getMessage(), keepAlive));
            return new Outcome(p.status(), keepAlive);
        }
        return sendFile(s, h.method().equals("HEAD"), f.resolved(), f.facts(), h, keepAlive);
    }

    /** A file a request may read, with what its response head says. */
    private record Found(MediaResolver.Resolved resolved, FileFacts facts) {}

    /** The file a request names, or a Problem: refused (401, 403…) or missing (404). */
    private Found find(RequestHead h) throws IOException {
        MediaResolver.Resolved r = media.resolve(h.path(), h.header("authorization"), fileToken(h.query()));
        FileFacts info = facts(r.key(), r.immutable()).orElseThrow(() -> Problem.notFound("File not found"));
        return new Found(r, info);
    }

    /** A problem answer for a request that could not be read (malformed, too large). */
    public static void refuse(SocketChannel s, int status, String detail) throws IOException {
        writeAll(s, simple(status, detail, false));
    }

    /**
     * What the response head says about a file, kept two seconds for files that never change: hot
     * segments skip the stat and the date formatting. A file that changes in place (a master playlist
     * the ladder rewrites, a mirror's refreshed hashes) is read anew each time: an old size would cut
     * the new content short.
     */
    private record FileFacts(long size, String etag, String headLines, long checkedAt) {}

    private Optional<FileFacts> facts(String key, boolean immutable) throws IOException {
        long now = System.currentTimeMillis();
        FileFacts f = immutable ? facts.get(key) : null;
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
        f = new FileFacts(size, etag, lines, now);
        if (immutable) {
            if (facts.size() > MAX_FACTS) facts.clear();
            facts.put(key, f);
        }
        return Optional.of(f);
    }

    private Outcome sendFile(SocketChannel s, boolean headOnly, MediaResolver.Resolved r, FileFacts info,
                             RequestHead req, boolean keepAlive) throws IOException {
        long size = info.size();
        String etag = info.etag();
        StringBuilder h = new StringBuilder(256);
        h.append(info.headLines())
                .append("Cache-Control: ").append(r.cacheControl())
                .append("\r\n");
        if (r.downloadName() != null) h.append("Content-Disposition: ").append(r.contentDisposition()).append("\r\n");
        String inm = req.header("if-none-match");
        if (inm != null && inm.contains(etag)) {
            writeAll(s, head(304, "Not Modified", keepAlive, h.toString()));
            return new Outcome(304, keepAlive);
        }
        long from = 0;
        long length = size;
        int status = 200;
        switch (ByteRange.parse(req.header("range"), size)) {
            case ByteRange.Unsatisfiable u -> {
                writeAll(s, head(416, "Range Not Satisfiable", keepAlive, "Content-Range: bytes */" + size + "\r\nContent-Length: 0\r\n"));
                return new Outcome(416, keepAlive);
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
        writeAll(s, head(status, status == 206 ? "Partial Content" : "OK", keepAlive, h.toString()));
        if (headOnly) return new Outcome(status, keepAlive);
        // Counted in the finally blocks: what went into the socket, also when the client left halfway.
        if (zeroCopy.isEmpty()) {
            long[] written = {0};
            try {
                copy(s, r.key(), from, length, written);
            } finally {
                r.sent(written[0]);
            }
            return new Outcome(status, keepAlive);
        }
        long pos = from;
        try (FileChannel ch = zeroCopy.get().open(r.key())) {
            long end = from + length;
            ByteBuffer slow = null;
            while (pos < end) {
                long n = ch.transferTo(pos, end - pos, s);
                if (n > 0) {
                    pos += n;
                    continue;
                }
                // sendfile does not wait for room: on a virtual thread's socket (non-blocking underneath)
                // it returns 0 once the socket's buffer is full. One piece through write(), which parks
                // until the reader makes room, then sendfile again.
                if (slow == null) slow = ByteBuffer.allocate(FileHeaders.CHUNK);
                int read = ch.read(slow.clear().limit((int) Math.min(slow.capacity(), end - pos)), pos);
                if (read <= 0) throw new IOException("file shrank while sending " + r.key());
                writeAll(s, slow.flip());
                pos += read;
            }
        } finally {
            r.sent(pos - from);
        }
        return new Outcome(status, keepAlive);
    }

    /** Without local files (a remote store), the bytes go through the JVM after all, in the same pieces as Helidon's routes. */
    private void copy(SocketChannel s, String key, long from, long length, long[] written) throws IOException {
        try (InputStream in = blobs.read(key, from, length)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, FileHeaders.CHUNK));
            long left = length;
            while (left > 0) {
                int n = in.read(buf.array(), 0, (int) Math.min(buf.capacity(), left));
                if (n < 0) throw new IOException("blob shrank while sending " + key);
                writeAll(s, buf.clear().limit(n));
                left -= n;
                written[0] += n;
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

    /** PeerTube's {@code videoFileToken} from a query string (tokens are URL-safe: no decoding needed). */
    static String fileToken(String query) {
        if (query == null) return null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("videoFileToken=")) return pair.substring("videoFileToken=".length());
        }
        return null;
    }
}

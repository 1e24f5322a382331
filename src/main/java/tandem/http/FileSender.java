package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import tandem.net.ByteRange;
import tandem.net.FileHeaders;
import tandem.net.MediaResolver;

/**
 * Sends a stored blob the way players and CDNs expect: byte ranges (206/416), ETag and
 * Last-Modified with conditional 304s, CORS, and the right content type, through Helidon's
 * response stream (which has no sendfile path: see ZeroCopyMediaServer for the fast one).
 */
public final class FileSender {

    private final BlobStore blobs;

    public FileSender(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Sends a resolved media file with its caching and download headers; false (sending nothing) when the blob does not exist. */
    public boolean send(ServerRequest req, ServerResponse res, MediaResolver.Resolved file) throws IOException {
        String key = file.key();
        Optional<BlobStore.BlobInfo> info;
        try {
            info = blobs.stat(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (info.isEmpty()) return false;
        long size = info.get().size();
        String etag = FileHeaders.etag(info.get());
        String name = key.substring(key.lastIndexOf('/') + 1);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.LAST_MODIFIED, FileHeaders.lastModified(info.get()));
        res.header(HeaderNames.CONTENT_TYPE, FileHeaders.contentType(name));
        res.header(HeaderNames.CACHE_CONTROL, file.cacheControl());
        if (file.downloadName() != null) res.header(HeaderNames.CONTENT_DISPOSITION, file.contentDisposition());
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> v.contains(etag)).orElse(false)) {
            res.status(304).send();
            return true;
        }
        ByteRange.Parsed parsed = ByteRange.parse(req.headers().first(HeaderNames.RANGE).orElse(null), size);
        long start = 0;
        long length = size;
        switch (parsed) {
            case ByteRange.Unsatisfiable u -> {
                res.header(HeaderNames.CONTENT_RANGE, "bytes */" + size);
                res.status(416).send();
                return true;
            }
            case ByteRange.Partial p -> {
                start = p.range().start();
                length = p.range().length();
                res.status(206);
                res.header(HeaderNames.CONTENT_RANGE, "bytes " + p.range().start() + "-" + p.range().end() + "/" + size);
            }
            case ByteRange.Whole w -> res.status(200);
        }
        res.contentLength(length);
        if (req.prologue().method().text().equals("HEAD")) {
            res.send();
            return true;
        }
        long[] written = {0};
        try (InputStream in = blobs.read(key, start, length); OutputStream out = res.outputStream()) {
            transfer(in, length, out, written);
        } finally {
            file.sent(written[0]); // what was handed to the connection, also when the client left halfway
        }
        return true;
    }

    /**
     * Copies in 64 KiB pieces. Big single writes cost
     * more here: the JDK zeroes a temporary direct buffer as large as each socket write, and on
     * virtual threads that buffer is not reused.
     */
    private static void transfer(InputStream in, long length, OutputStream out, long[] written) throws IOException {
        byte[] buf = new byte[(int) Math.min(length, FileHeaders.CHUNK)];
        long left = length;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) throw new IOException("file shrank while being sent");
            out.write(buf, 0, r);
            left -= r;
            written[0] += r;
        }
    }

}

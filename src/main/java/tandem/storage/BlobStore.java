package tandem.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where media bytes live, addressed by slash-separated keys such as
 * `streaming-playlists/hls/<uuid>/<file>`. Local disk today; S3-compatible storage later.
 */
public interface BlobStore {

    /** Moves a finished local file under the key, replacing what was there. */
    void put(String key, Path source) throws IOException;

    /** Size and modification time of a blob, if it exists. */
    Optional<BlobInfo> stat(String key) throws IOException;

    /** Opens a blob for positional reads (ranges, zero-copy transfers). */
    FileChannel open(String key) throws IOException;

    /** Deletes one blob, or every blob under a key prefix ending in `/`. */
    void delete(String keyOrPrefix) throws IOException;

    /** Total bytes stored under a prefix. */
    long sizeOf(String prefix) throws IOException;

    /**
     * A local file holding the blob's bytes, for tools such as ffmpeg that need a path. On local
     * disk it is the blob itself; a remote store downloads a copy that closing deletes.
     */
    LocalFile localFile(String key) throws IOException;

    /** A path valid until closed. */
    interface LocalFile extends AutoCloseable {
        Path path();

        @Override
        void close() throws IOException;
    }

    /** Facts about one stored blob. */
    record BlobInfo(long size, long lastModifiedMillis) {}
}

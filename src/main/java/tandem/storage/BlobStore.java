package tandem.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where media bytes live, addressed by slash-separated keys laid out by BlobKeys: local disk today,
 * S3-compatible storage or a copy on another instance later, so reads are streams of byte ranges.
 */
public interface BlobStore {

    /** Moves a finished local file under the key, replacing what was there. */
    void put(String key, Path source) throws IOException;

    /** Size and modification time of a blob, if it exists: what ETags, Last-Modified and ranges are built from. */
    Optional<BlobInfo> stat(String key) throws IOException;

    /**
     * Reads `length` bytes from `offset`, or fewer where the blob ends sooner (none from an offset at
     * or past its end), as an HTTP range or an object store's ranged GET does.
     * @throws java.nio.file.NoSuchFileException when no blob has the key
     * @throws IllegalArgumentException for a negative offset or length, or a key the store refuses
     */
    InputStream read(String key, long offset, long length) throws IOException;

    /** Reads a whole blob; see {@link #read(String, long, long)}. */
    default InputStream read(String key) throws IOException {
        return read(key, 0, Long.MAX_VALUE);
    }

    /**
     * The zero-copy capability, for stores whose blobs are local files: servers that can send a
     * file straight to a socket use it and fall back to {@link #read} without it.
     */
    default Optional<ZeroCopy> zeroCopy() {
        return Optional.empty();
    }

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

package tandem.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A store's blobs as local files, so a server can hand them to the socket with
 * `FileChannel.transferTo` (sendfile) instead of copying them through the JVM; only
 * LocalBlobStore has it, and {@link BlobStore#zeroCopy()} says whether a store does.
 */
public interface ZeroCopy {

    /**
     * Opens a blob for positional reads and transfers.
     * @throws java.nio.file.NoSuchFileException when no blob has the key
     */
    FileChannel open(String key) throws IOException;
}

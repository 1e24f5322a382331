package tandem.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.media.ImageFormat;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The bytes of avatars and banners in the BlobStore: ours as made on upload, remote actors' fetched from their
 * origin the first time someone asks for them (as PeerTube's lazy-static does) and kept under our own file name.
 */
public final class ActorImageFiles {
    private static final Logger log = LoggerFactory.getLogger(ActorImageFiles.class);

    /** How a remote picture is fetched: the federation transport (address guard, timeout, capped body). */
    public interface Source {
        /** The body of a GET of `url`, at most `maxBytes`; throws when it cannot be had. */
        byte[] fetch(String url, long maxBytes);
    }

    private final BlobStore blobs;
    private final Path workRoot;
    /** One fetch per file at a time: a page of twenty comments by one remote author asks for the same avatar twenty times. */
    private final ConcurrentMap<String, Object> fetching = new ConcurrentHashMap<>();

    public ActorImageFiles(BlobStore blobs, Path workRoot) {
        this.blobs = blobs;
        this.workRoot = workRoot;
    }

    void put(ActorImageKind kind, String fileName, Path file) throws IOException {
        blobs.put(kind.blobKey(fileName), file);
    }

    void deleteQuietly(ActorImageKind kind, String fileName) {
        try {
            blobs.delete(kind.blobKey(fileName));
        } catch (IOException | RuntimeException e) {
            log.warn("could not remove the {} file {}: {}", kind.id, fileName, e.getMessage());
        }
    }

    /**
     * The blob key of an image that can be served now: ours, or a remote one already cached or fetched now.
     * Empty when a remote picture cannot be fetched or is not an image in the format its name says.
     */
    public Optional<String> servable(ActorImage image, Source source) throws IOException {
        String key = image.kind().blobKey(image.fileName());
        if (image.isLocal() || blobs.stat(key).isPresent()) return Optional.of(key);
        Object lock = fetching.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                if (blobs.stat(key).isPresent()) return Optional.of(key);
                return fetch(image, key, source) ? Optional.of(key) : Optional.empty();
            }
        } finally {
            fetching.remove(key, lock);
        }
    }

    private boolean fetch(ActorImage image, String key, Source source) throws IOException {
        byte[] body;
        try {
            body = source.fetch(image.fileUrl(), ActorImages.MAX_BYTES);
        } catch (RuntimeException e) {
            log.info("could not fetch the remote {} {}: {}", image.kind().id, image.fileUrl(), e.getMessage());
            return false;
        }
        String ext = image.fileName().substring(image.fileName().lastIndexOf('.') + 1);
        if (ImageFormat.sniff(body).filter(f -> f.extension.equals(ext)).isEmpty()) {
            log.info("the remote {} {} is not the image it claims to be", image.kind().id, image.fileUrl());
            return false;
        }
        Files.createDirectories(workRoot);
        Path tmp = Files.createTempFile(workRoot, "remote-image-", "." + ext);
        try {
            Files.write(tmp, body);
            blobs.put(key, tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }
}

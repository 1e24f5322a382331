package tandem.video;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.User;
import tandem.core.Problem;
import tandem.db.Transactions;
import tandem.job.JobQueue;
import tandem.media.MediaException;
import tandem.media.Thumbnailer;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A video's thumbnail and preview chosen by its owner: an uploaded image, or a frame of the video. Both run
 * ffmpeg synchronously, bounded by {@link Thumbnailer}'s timeout, on one still: seconds at most. The new
 * stills get a new file name (browsers and other instances cache by URL), the row then points to them
 * and followers get an Update; the old files are removed by a durable job.
 */
public final class VideoStills {
    private static final Logger log = LoggerFactory.getLogger(VideoStills.class);
    /** PeerTube's limit on an uploaded thumbnail or preview. */
    public static final long MAX_IMAGE_BYTES = 8L * 1024 * 1024;

    private final Transactions transactions;
    private final VideoStore store;
    private final VideoService videos;
    private final BlobStore blobs;
    private final JobQueue jobs;
    private final Supplier<Thumbnailer> thumbnailer;
    private final Path workRoot;
    private final Clock clock;
    private final VideoEvents events;

    public VideoStills(Transactions transactions, VideoStore store, VideoService videos, BlobStore blobs, JobQueue jobs,
                       Supplier<Thumbnailer> thumbnailer, Path workRoot, Clock clock, VideoEvents events) {
        this.transactions = transactions;
        this.store = store;
        this.videos = videos;
        this.blobs = blobs;
        this.jobs = jobs;
        this.thumbnailer = thumbnailer;
        this.workRoot = workRoot;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Checks an uploaded image before anything is done with it: a 400 naming `field` when it is empty, too
     * large, or not a JPEG, PNG or WebP by its first bytes (its declared type is not trusted).
     */
    public static void checkImage(String field, Path file, long size) {
        if (size <= 0) throw Problem.invalidParam(field, "Should have a non-empty image file");
        if (size > MAX_IMAGE_BYTES) {
            throw Problem.invalidParam(field, "This image is too large: " + size + " bytes, the maximum is " + MAX_IMAGE_BYTES + " bytes");
        }
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw Problem.invalidParam(field, "Should have a readable image file");
        }
        if (!isImage(Arrays.copyOf(head, n))) {
            throw Problem.invalidParam(field, "This file is not a supported image: use a JPEG, PNG or WebP image");
        }
    }

    static boolean isImage(byte[] h) {
        boolean jpeg = h.length >= 3 && (h[0] & 0xff) == 0xff && (h[1] & 0xff) == 0xd8 && (h[2] & 0xff) == 0xff;
        boolean png = h.length >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G';
        boolean webp = h.length >= 12 && h[0] == 'R' && h[1] == 'I' && h[2] == 'F' && h[3] == 'F'
                && h[8] == 'W' && h[9] == 'E' && h[10] == 'B' && h[11] == 'P';
        return jpeg || png || webp;
    }

    /** Replaces the stills with uploaded images (already checked): the thumbnail's, and the preview's or the same. */
    public Video fromImages(User user, String idOrUuid, Path thumbnailImage, Path previewImage) {
        Video v = videos.managed(user, idOrUuid);
        String field = thumbnailImage != null ? "thumbnailfile" : "previewfile";
        if (!v.isLocal()) throw Problem.invalidParam(field, "Only a local video's thumbnail can be replaced");
        return replace(v, (thumb, preview) -> {
            Path scratch = thumb.resolveSibling("unused.jpg");
            if (thumbnailImage != null) thumbnailer.get().image(thumbnailImage, thumb, previewImage == null ? preview : scratch);
            if (previewImage != null) thumbnailer.get().image(previewImage, thumbnailImage == null ? thumb : scratch, preview);
        }, field);
    }

    /** Replaces the stills with the frame at `seconds` of the video's original file. */
    public Video fromFrame(User user, String idOrUuid, double seconds) {
        Video v = videos.managed(user, idOrUuid);
        if (!v.isLocal()) throw Problem.badRequest("Only a local video's frames can be chosen");
        if (Double.isNaN(seconds) || seconds < 0 || (v.duration() > 0 && seconds > v.duration())) {
            throw Problem.invalidParam("timecode", "Should have a timecode within the video (0 to " + v.duration() + " s)");
        }
        Optional<VideoFile> web = store.files(v.id()).stream().filter(f -> VideoFile.WEB.equals(f.kind())).findFirst();
        if (web.isEmpty()) throw Problem.conflict("This video has no original file to take a frame from");
        return replace(v, (thumb, preview) -> {
            try (BlobStore.LocalFile local = blobs.localFile(BlobKeys.webVideo(web.get().fileName()))) {
                thumbnailer.get().frame(local.path(), seconds, thumb, preview);
            }
        }, "timecode");
    }

    /** What makes the two JPEGs in a scratch folder. */
    private interface Maker {
        void make(Path thumbnail, Path preview) throws Exception;
    }

    private Video replace(Video v, Maker maker, String field) {
        Path dir = workRoot.resolve("stills-" + UUID.randomUUID());
        int version = v.thumbnailVersion() + 1;
        String name = v.fileKey() + "-" + version + ".jpg";
        List<String> created = List.of(BlobKeys.thumbnail(name), BlobKeys.preview(name));
        try {
            Files.createDirectories(dir);
            Path thumb = dir.resolve("thumb.jpg");
            Path preview = dir.resolve("preview.jpg");
            maker.make(thumb, preview);
            blobs.put(created.get(0), thumb);
            blobs.put(created.get(1), preview);
        } catch (MediaException e) {
            throw Problem.invalidParam(field, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Problem e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("storing the new stills of video " + v.uuid(), e);
        } finally {
            deleteTree(dir);
        }
        boolean swapped = transactions.inTransaction(h -> {
            if (!store.swapThumbnail(h, v.id(), v.thumbnailVersion(), version, clock.millis())) return false;
            List<String> old = List.of(BlobKeys.thumbnail(v.thumbnailName()), BlobKeys.preview(v.thumbnailName()));
            jobs.enqueue(h, VideoJobs.DELETE_FILES, new DeleteFilesJob(v.uuid(), old));
            events.updated(h, v.id());
            return true;
        });
        if (!swapped) {
            for (String key : created) deleteQuietly(key);
            throw Problem.conflict("The thumbnail was changed at the same time; try again");
        }
        log.info("video {} has new stills ({})", v.uuid(), name);
        return videos.refreshed(v.id());
    }

    private void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException e) {
            log.warn("could not remove unused still {}: {}", key, e.getMessage());
        }
    }

    private static void deleteTree(Path dir) {
        try {
            VideoPipeline.deleteTree(dir);
        } catch (IOException e) {
            log.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}

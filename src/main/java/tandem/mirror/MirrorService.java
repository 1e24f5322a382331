package tandem.mirror;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.core.Problem;
import tandem.db.Transactions;
import tandem.federation.CacheFileAnnouncer;
import tandem.job.JobQueue;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * Our mirrors' lifecycle: created (by the admin or a strategy) with their copy job in one
 * transaction, extended, removed with their files. Every change that players could see is
 * announced to the video's origin through the {@link CacheFileAnnouncer}.
 */
public final class MirrorService {
    private static final Logger log = LoggerFactory.getLogger(MirrorService.class);

    private final Transactions tx;
    private final MirrorStore store;
    private final MirrorCatalog catalog;
    private final BlobStore blobs;
    private final JobQueue jobs;
    private final CacheFileAnnouncer announcer;
    private final Path work;
    private final Clock clock;

    public MirrorService(Transactions tx, MirrorStore store, MirrorCatalog catalog, BlobStore blobs, JobQueue jobs,
                         CacheFileAnnouncer announcer, Path work, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.catalog = catalog;
        this.blobs = blobs;
        this.jobs = jobs;
        this.announcer = announcer;
        this.work = work;
        this.clock = clock;
    }

    /**
     * The admin's manual mirror (PeerTube's `POST /server/redundancy/videos`): 404 for an unknown
     * video, 400 for one of ours, 409 when we already mirror it. A failed mirror may be tried again.
     */
    public void addManual(String videoId) {
        long id = store.videoId(videoId).orElseThrow(() -> Problem.notFound("Video not found"));
        MirrorSource source = store.source(id).orElseThrow(() -> Problem.notFound("Video not found"));
        if (source.local()) throw Problem.badRequest("Cannot mirror a local video");
        if (source.playlistUrl() == null) throw Problem.badRequest("This video has no HLS playlist to mirror");
        store.findByVideo(id).ifPresent(existing -> {
            if (!Mirror.FAILED.equals(existing.state())) throw Problem.conflict("This video is already mirrored by this instance");
            remove(existing);
        });
        create(id, Mirror.MANUAL, null);
    }

    /** Creates a mirror and queues its copy in one transaction; {@code expiresAt} null for a manual one. */
    public long create(long videoId, String strategy, Long expiresAt) {
        return tx.inTransaction(h -> {
            long id = store.insert(h, videoId, strategy, expiresAt, clock.millis());
            jobs.enqueue(h, MirrorJobs.COPY, new MirrorJob(id));
            return id;
        });
    }

    /** PeerTube's `DELETE /server/redundancy/videos/{id}`: our mirror of that id, or 404. */
    public void remove(long mirrorId) {
        remove(store.find(mirrorId).orElseThrow(() -> Problem.notFound("Mirror not found")));
    }

    /** Stops serving a mirror, deletes its files and, if players could use it, withdraws it. */
    public void remove(Mirror m) {
        if (!store.delete(m.id())) return;
        catalog.reload();
        try {
            blobs.delete(BlobKeys.mirrorFolder(m.videoUuid()));
            MirrorCopy.deleteTree(work.resolve(m.videoUuid()));
        } catch (IOException e) {
            log.warn("could not delete the files of mirror {} (video {})", m.id(), m.videoUuid(), e);
        }
        if (m.ready()) announcer.withdrawn(m.videoId());
        log.info("mirror {} of video {} removed", m.id(), m.videoUuid());
    }

    /** Keeps a mirror until {@code expiresAt} and tells the origin. */
    public void extend(Mirror m, long expiresAt) {
        store.extend(m.id(), expiresAt, clock.millis());
        if (m.ready()) announcer.extended(m.videoId(), Instant.ofEpochMilli(expiresAt));
    }

    /** The admin no longer lets us mirror this instance's videos: every mirror of them goes (PeerTube does the same). */
    public void dropHost(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        for (Mirror m : store.list(null)) {
            MirrorSource s = store.source(m.videoId()).orElse(null);
            if (s != null && s.host() != null && s.host().toLowerCase(Locale.ROOT).equals(h)) remove(m);
        }
    }
}

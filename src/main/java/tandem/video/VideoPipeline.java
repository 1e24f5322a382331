package tandem.video;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.JobQueue;
import tandem.job.PermanentJobFailure;
import tandem.media.HlsOutput;
import tandem.media.HlsTranscoder;
import tandem.media.HlsVariant;
import tandem.media.MediaException;
import tandem.media.MediaInfo;
import tandem.media.MediaProbe;
import tandem.media.Rendition;
import tandem.media.TranscodePlan;
import tandem.media.WebReady;
import tandem.media.Thumbnailer;
import tandem.media.Torrent;
import tandem.media.TorrentFile;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The jobs that turn an uploaded original into a published video: torrent, thumbnails, a first
 * playable rendition (remuxed or one low rung), then the rest of the HLS ladder; plus file removal after deletion. Each is idempotent, so a job re-run after a crash
 * starts again from a clean work folder.
 */
public final class VideoPipeline {
    private static final Logger log = LoggerFactory.getLogger(VideoPipeline.class);

    private final Transactions transactions;
    private final VideoStore store;
    private final BlobStore blobs;
    private final MediaProbe probe;
    private final HlsTranscoder transcoder;
    private final Thumbnailer thumbnailer;
    private final VideoEvents events;
    private final MediaLinks links;
    private final Path workRoot;
    private final Clock clock;
    private final JobQueue jobs;
    /** The administrator's chosen heights for the ladder, read when each job starts. */
    private final Supplier<List<Integer>> resolutions;

    public VideoPipeline(Transactions transactions, VideoStore store, BlobStore blobs, MediaProbe probe, HlsTranscoder transcoder,
                         Thumbnailer thumbnailer, MediaLinks links, Path workRoot, Clock clock, VideoEvents events, JobQueue jobs,
                         Supplier<List<Integer>> resolutions) {
        this.resolutions = resolutions;
        this.events = events;
        this.jobs = jobs;
        this.transactions = transactions;
        this.store = store;
        this.blobs = blobs;
        this.probe = probe;
        this.transcoder = transcoder;
        this.thumbnailer = thumbnailer;
        this.links = links;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    private Optional<Video> video(VideoJob job) {
        return store.byId(job.videoId());
    }

    private static Optional<VideoFile> webFile(List<VideoFile> files) {
        return files.stream().filter(f -> VideoFile.WEB.equals(f.kind())).findFirst();
    }

    /**
     * Builds the original's .torrent so `files[0].torrentUrl` appears right after upload; also the
     * torrents of HLS renditions published without one (by a Tandem that did not make them), after
     * which followers get an Update with their links.
     */
    public void torrent(Job job, VideoJob payload) throws Exception {
        Optional<Video> found = video(payload);
        if (found.isEmpty()) return;
        Video v = found.get();
        List<VideoFile> files = store.files(v.id());
        Optional<VideoFile> web = webFile(files);
        if (web.isPresent() && web.get().torrentName() == null) {
            VideoFile f = web.get();
            try (BlobStore.LocalFile local = blobs.localFile(BlobKeys.webVideo(f.fileName()))) {
                StoredTorrent t = storeTorrent(local.path(), v.fileKey() + "-original.torrent", f.fileName(), links.webSeed(v, f));
                store.setTorrent(f.id(), t.name(), t.infoHash());
            }
        }
        List<VideoFile> hlsWithout = files.stream().filter(f -> VideoFile.HLS.equals(f.kind()) && f.torrentName() == null).toList();
        if (hlsWithout.isEmpty()) return;
        for (VideoFile f : hlsWithout) {
            try (BlobStore.LocalFile local = blobs.localFile(BlobKeys.hlsFile(v.uuid(), f.fileName()))) {
                StoredTorrent t = hlsTorrent(v, f, local.path());
                store.setTorrent(f.id(), t.name(), t.infoHash());
            }
        }
        transactions.useTransaction(h -> events.updated(h, v.id()));
        log.info("video {}: torrents made for {} HLS rendition(s)", v.uuid(), hlsWithout.size());
    }

    /** Queues a torrent job for each of our videos with HLS renditions that have no torrent (published by an older Tandem). */
    public void queueMissingTorrents() {
        transactions.useTransaction(h -> {
            List<VideoJob> missing = store.lackingHlsTorrents(h).stream().map(VideoJob::new).toList();
            if (missing.isEmpty()) return;
            jobs.enqueueAll(h, VideoJobs.TORRENT, missing);
            log.info("{} video(s) have HLS renditions without a torrent: queued", missing.size());
        });
    }

    /**
     * A rendition's .torrent, as PeerTube makes one per HLS file: `<file key>-<resolution>-hls.torrent`,
     * named "<video name> <resolution>p.mp4" inside, web-seeded from the rendition itself.
     */
    private StoredTorrent hlsTorrent(Video v, VideoFile f, Path file) throws IOException {
        String name = v.name().replaceAll("[/\\\\?%*:|\"<>]", "-") + " " + f.resolution() + "p.mp4";
        return storeTorrent(file, v.fileKey() + "-" + f.resolution() + "-hls.torrent", name, links.webSeed(v, f));
    }

    /** Hashes a file into a .torrent announcing to our trackers, and stores it under `torrentName`. */
    private StoredTorrent storeTorrent(Path file, String torrentName, String infoName, String webSeed) throws IOException {
        Torrent t = TorrentFile.create(file, infoName, links.trackers(), webSeed == null ? List.of() : List.of(webSeed), clock.instant());
        Path tmp = Files.createTempFile(Files.createDirectories(workRoot), "torrent-", ".torrent");
        Files.write(tmp, t.bytes());
        blobs.put(BlobKeys.torrent(torrentName), tmp);
        return new StoredTorrent(torrentName, t.infoHash());
    }

    /** A stored .torrent: its file name and the infohash its file row records. */
    private record StoredTorrent(String name, String infoHash) {}

    /** Thumbnail and preview. An unreadable input is left to the transcode job to report. */
    public void thumbnail(Job job, VideoJob payload) throws Exception {
        Optional<Video> v = video(payload);
        if (v.isEmpty()) return;
        Optional<VideoFile> web = webFile(store.files(v.get().id()));
        if (web.isEmpty()) return;
        Path dir = workDir("thumb-" + v.get().id());
        try (BlobStore.LocalFile local = blobs.localFile(BlobKeys.webVideo(web.get().fileName()))) {
            MediaInfo info = probe.probe(local.path());
            Path thumb = dir.resolve("thumb.jpg");
            Path preview = dir.resolve("preview.jpg");
            thumbnailer.generate(local.path(), info, thumb, preview);
            blobs.put(BlobKeys.thumbnail(v.get().thumbnailName()), thumb);
            blobs.put(BlobKeys.preview(v.get().thumbnailName()), preview);
            store.setThumbnail(v.get().id());
        } catch (MediaException e) {
            log.info("no thumbnail for video {}: {}", v.get().uuid(), e.getMessage());
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * First step, playable fast: probe, then remux a web-ready source into one rendition (seconds), or encode one
     * low rung, or for an audio file its one rendition; publish that at once and queue the ladder in the same
     * transaction. A video already published has had its ladder queued with it, so a re-run does nothing.
     */
    public JobHandler<VideoJob> transcode() {
        return new JobHandler<>() {
        @Override
        public void run(Job job, VideoJob payload) throws Exception {
            Optional<Video> found = video(payload);
            if (found.isEmpty()) return;
            Video v = found.get();
            List<VideoFile> files = store.files(v.id());
            if (v.state() == VideoState.PUBLISHED && files.stream().anyMatch(f -> VideoFile.HLS.equals(f.kind()))) return;
            VideoFile web = webFile(files).orElseThrow(() -> new PermanentJobFailure("The uploaded file is missing"));
            Path dir = workDir("hls-" + v.id());
            try (BlobStore.LocalFile local = blobs.localFile(BlobKeys.webVideo(web.fileName()))) {
                MediaInfo info = probe.probe(local.path());
                store.updateWebFileFacts(web.id(), resolutionOf(info), info.hasVideo() ? info.video().displayWidth() : 0,
                        info.hasVideo() ? info.video().displayHeight() : 0, info.hasVideo() ? info.video().fps() : 0,
                        info.hasAudio(), info.hasVideo());
                List<Integer> chosen = resolutions.get();
                TranscodePlan ladder = TranscodePlan.of(info, chosen);
                ProgressWriter progress = new ProgressWriter(v.id());
                HlsOutput out;
                if (ladder.audioOnly()) {
                    out = transcoder.transcode(local.path(), info, ladder, dir, v.fileKey(), progress::accept);
                } else {
                    Optional<String> notReady = TranscodePlan.sourceFits(info.video().shortSide(), chosen) ? WebReady.whyNot(info)
                            : Optional.of("taller than the resolutions chosen for this instance");
                    Optional<HlsOutput> remuxed = notReady.isEmpty()
                            ? transcoder.remux(local.path(), info, dir, v.fileKey()) : Optional.empty();
                    if (remuxed.isEmpty()) {
                        log.info("video {}: not web-ready ({}), a low rung first", v.uuid(), notReady.orElse("keyframes too far apart"));
                    }
                    out = remuxed.isPresent() ? remuxed.get()
                            : transcoder.transcode(local.path(), info, ladder.fastFirst(), dir, v.fileKey(), progress::accept);
                }
                boolean more = ladder.without(resolutions(out.variants().stream().map(HlsVariant::rendition).toList())).isPresent();
                publish(v, info, out, more);
            } catch (MediaException e) {
                throw new PermanentJobFailure(e.getMessage(), e);
            } finally {
                deleteTree(dir);
            }
        }

        @Override
        public void onDead(Job job, VideoJob payload, Exception lastError) {
            Optional<Video> v = video(payload);
            String reason = lastError instanceof PermanentJobFailure ? lastError.getMessage()
                    : "Transcoding failed after " + job.attempts() + " attempts: " + lastError.getMessage();
            v.ifPresent(video -> store.markFailed(video.id(), reason, clock.millis()));
        }
        };
    }

    /**
     * Second step, the rest of the ladder in one ffmpeg pass: the rungs a published video lacks join the ones it
     * has. Published files never change; new files are stored first, then the segment hashes, then the master
     * (one atomic swap) that lists the published variants first, so their P2P swarm ids stay. Followers get an
     * Update. A re-run after a crash encodes only what is still missing.
     */
    public JobHandler<VideoJob> ladder() {
        return new JobHandler<>() {
        @Override
        public void run(Job job, VideoJob payload) throws Exception {
            Optional<Video> found = video(payload);
            if (found.isEmpty()) return;
            Video v = found.get();
            List<VideoFile> files = store.files(v.id());
            List<Integer> published = files.stream().filter(f -> VideoFile.HLS.equals(f.kind())).map(VideoFile::resolution).toList();
            if (v.state() != VideoState.PUBLISHED || published.isEmpty()) return;
            Optional<VideoFile> web = webFile(files);
            if (web.isEmpty()) return;
            Path dir = workDir("ladder-" + v.id());
            try (BlobStore.LocalFile local = blobs.localFile(BlobKeys.webVideo(web.get().fileName()))) {
                MediaInfo info = probe.probe(local.path());
                Optional<TranscodePlan> rest = TranscodePlan.of(info, resolutions.get()).without(published);
                if (rest.isEmpty()) return;
                HlsOutput added = transcoder.transcode(local.path(), info, rest.get(), dir, v.fileKey(), p -> { });
                if (video(payload).isEmpty()) return; // deleted while encoding: store nothing in its folder
                Path master = copyOut(v, v.fileKey() + "-master.m3u8", dir.resolve("published-master.m3u8"));
                Path hashes = copyOut(v, v.fileKey() + "-segments-sha256.json", dir.resolve("published-segments-sha256.json"));
                join(v, info, transcoder.join(added, master, hashes, dir, v.fileKey()));
            } catch (MediaException e) {
                throw new PermanentJobFailure(e.getMessage(), e);
            } finally {
                deleteTree(dir);
            }
        }

        @Override
        public void onDead(Job job, VideoJob payload, Exception lastError) {
            // The video stays playable with what was published first.
            log.warn("video {}: the full ladder failed; it keeps its first rendition(s): {}", payload.videoId(), lastError.getMessage());
        }
        };
    }

    private static List<Integer> resolutions(List<Rendition> renditions) {
        return renditions.stream().map(Rendition::resolution).toList();
    }

    private Path copyOut(Video v, String name, Path target) throws IOException {
        try (var in = blobs.read(BlobKeys.hlsFile(v.uuid(), name))) {
            Files.copy(in, target);
        }
        return target;
    }

    /** Stores renditions with their torrents, rows to insert; media and variant playlists, not the master or hashes. */
    private List<VideoFile> storeRenditions(Video v, HlsOutput out) throws IOException {
        // Torrents first: storing a rendition moves it away from the work folder.
        List<VideoFile> renditions = new ArrayList<>();
        for (HlsVariant var : out.variants()) {
            var r = var.rendition();
            VideoFile f = new VideoFile(0, v.id(), VideoFile.HLS, r.resolution(), r.width(), r.height(), r.fps(), var.size(),
                    var.mediaFile().getFileName().toString(), null, null, r.audio(), r.hasVideo());
            StoredTorrent t = hlsTorrent(v, f, var.mediaFile());
            renditions.add(new VideoFile(0, v.id(), f.kind(), f.resolution(), f.width(), f.height(), f.fps(), f.size(), f.fileName(),
                    t.name(), t.infoHash(), f.hasAudio(), f.hasVideo()));
        }
        for (HlsVariant var : out.variants()) {
            putHls(v, var.mediaFile());
            putHls(v, var.playlist());
        }
        return renditions;
    }

    private void insertRenditions(Handle h, Video v, List<VideoFile> renditions, long now) {
        for (VideoFile f : renditions) {
            long id = store.insertFile(h, v.id(), VideoFile.HLS, f.resolution(), f.width(), f.height(), f.fps(), f.size(),
                    f.fileName(), f.hasAudio(), f.hasVideo(), now);
            store.setTorrent(h, id, f.torrentName(), f.infoHash());
        }
    }

    private void publish(Video v, MediaInfo info, HlsOutput out, boolean ladderFollows) throws IOException {
        List<VideoFile> renditions = storeRenditions(v, out);
        putHls(v, out.segmentsSha256());
        // The master goes last: once it exists, every file it names exists too.
        putHls(v, out.masterPlaylist());
        long now = clock.millis();
        transactions.useTransaction(h -> {
            store.deleteFiles(h, v.id(), VideoFile.HLS);
            insertRenditions(h, v, renditions, now);
            store.markPublished(h, v.id(), (int) Math.round(info.durationSeconds()), aspectOf(info), now);
            events.published(h, v.id());
            if (ladderFollows) jobs.enqueue(h, VideoJobs.LADDER, new VideoJob(v.id()));
        });
        log.info("video {} published with {} rendition(s){}", v.uuid(), out.variants().size(), ladderFollows ? ", ladder queued" : "");
    }

    private void join(Video v, MediaInfo info, HlsOutput joined) throws IOException {
        List<VideoFile> renditions = storeRenditions(v, joined);
        // Hashes before the master: a player holding either master finds every hash it needs.
        putHls(v, joined.segmentsSha256());
        putHls(v, joined.masterPlaylist());
        long now = clock.millis();
        transactions.useTransaction(h -> {
            insertRenditions(h, v, renditions, now);
            store.markPublished(h, v.id(), (int) Math.round(info.durationSeconds()), aspectOf(info), now);
            events.updated(h, v.id());
        });
        log.info("video {}: ladder joined with {} more rendition(s)", v.uuid(), renditions.size());
    }

    private static Double aspectOf(MediaInfo info) {
        return info.hasVideo() && info.video().displayHeight() > 0
                ? (double) info.video().displayWidth() / info.video().displayHeight() : null;
    }

    private void putHls(Video v, Path file) throws IOException {
        blobs.put(BlobKeys.hlsFile(v.uuid(), file.getFileName().toString()), file);
    }

    private static int resolutionOf(MediaInfo info) {
        return info.hasVideo() ? info.video().shortSide() : 0;
    }

    /** Removes the files of a deleted video. */
    public void deleteFiles(Job job, DeleteFilesJob payload) throws Exception {
        for (String key : payload.keys()) blobs.delete(key);
    }

    private Path workDir(String name) throws IOException {
        Path dir = workRoot.resolve(name);
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Writes transcoding progress to the video row, at most once a second. */
    private final class ProgressWriter {
        private final long videoId;
        private long last;
        private int lastPercent = -1;

        ProgressWriter(long videoId) {
            this.videoId = videoId;
        }

        void accept(double percent) {
            long now = clock.millis();
            int p = (int) Math.min(99, Math.max(0, Math.floor(percent)));
            if (p != lastPercent && now - last >= 1000) {
                store.setProgress(videoId, p);
                last = now;
                lastPercent = p;
            }
        }
    }
}

package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.federation.CacheFileAnnouncer;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.media.ByteRange;
import tandem.media.SegmentHashes;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The copy job: the origin's master playlist, its variant playlists, every media file they refer
 * to and its `segments-sha256.json`, each stored once complete (a re-run after a crash keeps them),
 * then every hashed segment checked against the origin's hashes before the mirror is served and
 * announced. A copy that does not match fails for good and leaves nothing behind: a mirror must
 * never hand players bytes the origin did not vouch for.
 */
public final class MirrorCopy implements JobHandler<MirrorJob> {
    private static final Logger log = LoggerFactory.getLogger(MirrorCopy.class);
    /** Playlists are a few KB; this bounds a hostile one. */
    private static final long MAX_PLAYLIST = 1024 * 1024;
    /** One hash per 4 s segment: hours of video in a few MB. */
    private static final long MAX_HASHES = 16L * 1024 * 1024;
    /** PeerTube's previews are a few hundred KB; 10 MB leaves room and bounds a hostile one. */
    private static final long MAX_STILL = 10L * 1024 * 1024;
    /** PeerTube's margin over the sizes the playlists announce. */
    private static final double SIZE_MARGIN = 1.05;

    private final MirrorStore store;
    private final MirrorCatalog catalog;
    private final BlobStore blobs;
    private final OriginFiles origin;
    private final CacheFileAnnouncer announcer;
    private final ObjectMapper json;
    private final Path work;
    private final Clock clock;

    /** @param work where partial downloads wait (kept across restarts, unlike the scratch area) */
    public MirrorCopy(MirrorStore store, MirrorCatalog catalog, BlobStore blobs, OriginFiles origin, CacheFileAnnouncer announcer,
                      ObjectMapper json, Path work, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.blobs = blobs;
        this.origin = origin;
        this.announcer = announcer;
        this.json = json;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public void run(Job job, MirrorJob payload) throws Exception {
        Mirror m = store.find(payload.mirrorId()).orElse(null);
        if (m == null || (m.ready() && !payload.refresh())) return; // removed meanwhile, or a duplicate run
        boolean refresh = m.ready();
        MirrorSource source = store.source(m.videoId()).orElseThrow();
        try {
            if (source.local() || source.playlistUrl() == null || source.sha256Url() == null) {
                throw new OriginFiles.CopyException("the video has no HLS playlist with segment hashes at its origin", true);
            }
            if (refresh) forgetPlaylists(m, source);
            long size = copy(m, source);
            if (store.find(m.id()).isEmpty()) {
                // Removed while we copied: its files went before ours landed, so take ours away too, and announce nothing.
                blobs.delete(BlobKeys.mirrorFolder(m.videoUuid()));
                deleteTree(work.resolve(m.videoUuid()));
                return;
            }
            store.markReady(m.id(), size, clock.millis());
            deleteTree(work.resolve(m.videoUuid()));
            catalog.reload();
            log.info("mirror {} of video {} {}: {} bytes from {}", m.id(), m.videoUuid(), refresh ? "refreshed" : "ready", size, source.host());
            Instant expires = m.expiresAt() == null ? null : Instant.ofEpochMilli(m.expiresAt());
            // After a refresh, an Update: the origin checks the mirror again, against its renditions of now.
            if (refresh) announcer.extended(m.videoId(), expires);
            else announcer.created(m.videoId(), expires);
        } catch (OriginFiles.CopyException e) {
            if (!e.permanent()) throw e;
            fail(m, e.getMessage());
            if (refresh) announcer.withdrawn(m.videoId());
        }
    }

    /**
     * The origin's playlists and hashes changed: drop our copies of them (the media files stay), so
     * the copy below fetches them again and then only the media files we lack.
     */
    private void forgetPlaylists(Mirror m, MirrorSource source) throws IOException {
        String masterName = Playlists.checked(lastSegment(URI.create(source.playlistUrl())));
        if (blobs.stat(BlobKeys.mirrorFile(m.videoUuid(), masterName)).isPresent()) {
            for (String variant : local(m, masterName, Playlists::references)) blobs.delete(BlobKeys.mirrorFile(m.videoUuid(), variant));
        }
        blobs.delete(BlobKeys.mirrorFile(m.videoUuid(), masterName));
        blobs.delete(BlobKeys.mirrorFile(m.videoUuid(), Playlists.checked(lastSegment(URI.create(source.sha256Url())))));
    }

    @Override
    public void onDead(Job job, MirrorJob payload, Exception lastError) {
        store.find(payload.mirrorId()).ifPresent(m -> fail(m, "copy gave up: " + lastError.getMessage()));
    }

    /** Copies and verifies; returns the bytes stored. */
    private long copy(Mirror m, MirrorSource source) throws IOException, InterruptedException {
        Path staging = Files.createDirectories(work.resolve(m.videoUuid()));
        URI masterUrl = URI.create(source.playlistUrl());
        String masterName = Playlists.checked(lastSegment(masterUrl));
        long stored = fetch(m, staging, masterUrl, masterName, MAX_PLAYLIST);

        Map<String, Long> mediaSizes = new LinkedHashMap<>();
        Map<String, List<ByteRange>> segments = new LinkedHashMap<>();
        for (String variant : local(m, masterName, Playlists::references)) {
            stored += fetch(m, staging, masterUrl.resolve(variant), variant, MAX_PLAYLIST);
            local(m, variant, p -> {
                Playlists.mediaSizes(p).forEach((name, size) -> mediaSizes.merge(name, size, Math::max));
                Playlists.segments(p).forEach((name, ranges) -> segments.computeIfAbsent(name, k -> new ArrayList<>()).addAll(ranges));
                return null;
            });
        }
        if (mediaSizes.isEmpty()) throw new OriginFiles.CopyException("the playlists refer to no byte-range media file", true);
        long budget = (long) (mediaSizes.values().stream().mapToLong(Long::longValue).sum() * SIZE_MARGIN);
        for (String media : mediaSizes.keySet()) {
            long got = fetch(m, staging, masterUrl.resolve(media), media, budget);
            budget -= got;
            stored += got;
        }
        URI shaUrl = URI.create(source.sha256Url());
        String shaName = Playlists.checked(lastSegment(shaUrl));
        stored += fetch(m, staging, shaUrl, shaName, MAX_HASHES);
        verify(m, shaName, segments);
        for (String still : new String[] {source.thumbnailUrl(), source.previewUrl()}) stored += still(m, staging, still);
        return stored;
    }

    /**
     * A still of the video (thumbnail, preview) under the origin's file name, so that the mirror has
     * the whole video; the video plays without it, so a still the origin cannot give is skipped.
     */
    private long still(Mirror m, Path staging, String url) throws IOException, InterruptedException {
        if (url == null) return 0;
        try {
            URI u = URI.create(url);
            return fetch(m, staging, u, Playlists.checked(lastSegment(u)), MAX_STILL);
        } catch (OriginFiles.CopyException | IllegalArgumentException e) {
            log.info("mirror {} of video {}: no still from {} ({})", m.id(), m.videoUuid(), url, e.getMessage());
            return 0;
        }
    }

    /** Stores one file under the mirror's folder unless a previous run already did; returns its size. */
    private long fetch(Mirror m, Path staging, URI url, String name, long maxBytes) throws IOException, InterruptedException {
        String key = BlobKeys.mirrorFile(m.videoUuid(), name);
        var existing = blobs.stat(key);
        if (existing.isPresent()) return existing.get().size();
        Path part = staging.resolve(name + ".part");
        long size = origin.download(url, part, maxBytes);
        blobs.put(key, part);
        return size;
    }

    /**
     * Every hash the origin published must match our bytes, and every segment the playlists list
     * must have a hash: players check each segment against these, so an unverified one would only
     * fail later, in a viewer's player.
     */
    private void verify(Mirror m, String shaName, Map<String, List<ByteRange>> segments) throws IOException {
        JsonNode hashes = local(m, shaName, p -> json.readTree(p.toFile()));
        if (hashes == null || !hashes.isObject()) throw new OriginFiles.CopyException(shaName + " is not a JSON object", true);
        for (Map.Entry<String, List<ByteRange>> e : segments.entrySet()) {
            for (ByteRange r : e.getValue()) {
                if (!hashes.path(e.getKey()).path(r.key()).isTextual()) {
                    throw new OriginFiles.CopyException("segment " + e.getKey() + " " + r.key() + " has no hash in " + shaName, true);
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> files = hashes.fields(); files.hasNext(); ) {
            Map.Entry<String, JsonNode> file = files.next();
            String name = Playlists.checked(file.getKey());
            List<ByteRange> ranges = new ArrayList<>();
            for (Iterator<String> keys = file.getValue().fieldNames(); keys.hasNext(); ) ranges.add(range(keys.next(), name));
            if (blobs.stat(BlobKeys.mirrorFile(m.videoUuid(), name)).isEmpty()) {
                throw new OriginFiles.CopyException(shaName + " hashes " + name + ", which no playlist refers to", true);
            }
            Map<String, String> ours = local(m, name, p -> SegmentHashes.hash(p, ranges));
            for (ByteRange r : ranges) {
                String want = file.getValue().path(r.key()).asText();
                if (!want.equalsIgnoreCase(ours.get(r.key()))) {
                    throw new OriginFiles.CopyException("segment " + name + " " + r.key() + " has sha256 " + ours.get(r.key())
                            + " but the origin's hash is " + want, true);
                }
            }
        }
    }

    private static ByteRange range(String key, String file) throws IOException {
        int dash = key.indexOf('-');
        try {
            long start = Long.parseLong(key.substring(0, dash));
            long end = Long.parseLong(key.substring(dash + 1));
            if (start < 0 || end < start) throw new NumberFormatException(key);
            return new ByteRange(start, end - start + 1);
        } catch (RuntimeException e) {
            throw new OriginFiles.CopyException("hash key '" + key + "' of " + file + " is not a byte range", true);
        }
    }

    /** Marks the mirror failed and removes whatever was copied. */
    private void fail(Mirror m, String error) {
        log.warn("mirror {} of video {} failed: {}", m.id(), m.videoUuid(), error);
        store.markFailed(m.id(), error, clock.millis());
        try {
            blobs.delete(BlobKeys.mirrorFolder(m.videoUuid()));
            deleteTree(work.resolve(m.videoUuid()));
        } catch (IOException e) {
            log.warn("could not delete the files of failed mirror {}", m.id(), e);
        }
        catalog.reload();
    }

    private <T> T local(Mirror m, String name, LocalReader<T> reader) throws IOException {
        try (BlobStore.LocalFile f = blobs.localFile(BlobKeys.mirrorFile(m.videoUuid(), name))) {
            return reader.read(f.path());
        }
    }

    @FunctionalInterface
    private interface LocalReader<T> {
        T read(Path file) throws IOException;
    }

    private static String lastSegment(URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

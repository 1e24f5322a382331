package tandem.federation.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.PermanentJobFailure;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;
import tandem.video.Video;
import tandem.video.VideoService;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import tandem.federation.transport.FederationHttp;
import tandem.federation.transport.JobFailures;

/**
 * Background fetches: a video named by a crawl, a remote video shown from an old copy (read again),
 * a remote video's likes and dislikes after Updates, and a remote video's thumbnail and preview, copied here so lists load from our host like PeerTube's
 * do (and the viewer's browser never asks the origin).
 */
public final class Fetches implements JobHandler<FetchJob> {
    private static final Logger log = LoggerFactory.getLogger(Fetches.class);
    private static final long MAX_IMAGE = 2 * 1024 * 1024;
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final VideoActivities videoActivities;
    private final VideoService videos;
    private final FederationHttp http;
    private final BlobStore blobs;
    private final Path tmp;

    public Fetches(VideoActivities videoActivities, VideoService videos, FederationHttp http, BlobStore blobs, Path tmp) {
        this.videoActivities = videoActivities;
        this.videos = videos;
        this.http = http;
        this.blobs = blobs;
        this.tmp = tmp;
    }

    @Override
    public void run(Job job, FetchJob payload) throws Exception {
        try {
            switch (payload) {
                case FetchJob.VideoByUrl v -> videoActivities.fetchAndStore(v.url());
                case FetchJob.Thumbnail t -> thumbnail(t.videoId(), t.url(), t.previewUrl());
                case FetchJob.Refresh r -> videoActivities.refresh(r.videoId());
                case FetchJob.Counts c -> videoActivities.readCounts(c.videoId(), c.likesUrl(), c.dislikesUrl());
                case FetchJob.Hashes x -> videoActivities.copyHashes(x.videoId(), x.url());
            }
        } catch (RuntimeException e) {
            throw JobFailures.classify(e);
        }
    }

    private void thumbnail(long videoId, String url, String previewUrl) throws Exception {
        Video v = videos.find(String.valueOf(videoId)).orElse(null);
        if (v == null || v.isLocal()) return;
        byte[] thumbnail = jpeg(url);
        store(BlobKeys.thumbnail(v.thumbnailName()), thumbnail);
        store(BlobKeys.preview(v.thumbnailName()), previewUrl == null || previewUrl.equals(url) ? thumbnail : preview(previewUrl, thumbnail));
        videos.thumbnailStored(videoId);
    }

    /** The origin's preview; one that is not a JPEG leaves the thumbnail in its place rather than no image at all. */
    private byte[] preview(String url, byte[] thumbnail) throws Exception {
        try {
            return jpeg(url);
        } catch (PermanentJobFailure e) {
            log.info("preview kept as the thumbnail: {}", e.getMessage());
            return thumbnail;
        }
    }

    private byte[] jpeg(String url) throws Exception {
        byte[] image = http.fetchBytes(URI.create(url), MAX_IMAGE);
        if (image.length < 3 || image[0] != JPEG[0] || image[1] != JPEG[1] || image[2] != JPEG[2]) {
            throw new PermanentJobFailure("image " + url + " is not a JPEG");
        }
        return image;
    }

    /** The blob store takes the file it is given: one temp file per stored copy. */
    private void store(String key, byte[] image) throws IOException {
        Path file = Files.createTempFile(Files.createDirectories(tmp), "thumb", ".jpg");
        try {
            Files.write(file, image);
            blobs.put(key, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package tandem.federation.inbox;

import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.PermanentJobFailure;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;
import tandem.video.Video;
import tandem.video.VideoService;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import tandem.federation.transport.FederationHttp;
import tandem.federation.transport.JobFailures;
import java.util.List;

/**
 * Background fetches: a video named by a crawl, a remote video shown from an old copy (read again),
 * and a remote video's thumbnail, copied here so lists load from our host like PeerTube's do (and
 * the viewer's browser never asks the origin).
 */
public final class Fetches implements JobHandler<FetchJob> {
    private static final long MAX_THUMBNAIL = 2 * 1024 * 1024;
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
                case FetchJob.Thumbnail t -> thumbnail(t.videoId(), t.url());
                case FetchJob.Refresh r -> videoActivities.refresh(r.videoId());
            }
        } catch (RuntimeException e) {
            throw JobFailures.classify(e);
        }
    }

    private void thumbnail(long videoId, String url) throws Exception {
        Video v = videos.find(String.valueOf(videoId)).orElse(null);
        if (v == null || v.isLocal()) return;
        byte[] image = http.fetchBytes(URI.create(url), MAX_THUMBNAIL);
        if (image.length < 3 || image[0] != JPEG[0] || image[1] != JPEG[1] || image[2] != JPEG[2]) {
            throw new PermanentJobFailure("thumbnail " + url + " is not a JPEG");
        }
        // The blob store takes the file it is given: one temp file per stored copy.
        for (String key : List.of(BlobKeys.thumbnail(v.thumbnailName()), BlobKeys.preview(v.thumbnailName()))) {
            Path file = Files.createTempFile(Files.createDirectories(tmp), "thumb", ".jpg");
            try {
                Files.write(file, image);
                blobs.put(key, file);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        videos.thumbnailStored(videoId);
    }
}

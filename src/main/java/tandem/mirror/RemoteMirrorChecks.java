package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.transport.FederationHttp;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.JobQueue;
import tandem.job.NoPayload;
import tandem.storage.BlobKeys;
import tandem.storage.BlobStore;
import tandem.video.Video;
import tandem.video.VideoService;

import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks other instances' mirrors before players get them, and again every re-check interval: one
 * random byte range of one random file, fetched from the mirror, must hash to what the hashes we
 * hold say (our own file for our video, our copy of the origin's for a remote one: never the
 * mirror's own). PeerTube lists mirrors unchecked; a mirror serving wrong bytes costs its viewers
 * a failed segment each time. The recurring run also purges expired mirrors.
 */
public final class RemoteMirrorChecks {
    private static final Logger log = LoggerFactory.getLogger(RemoteMirrorChecks.class);

    private final RemoteMirrorStore store;
    private final VideoService videos;
    private final RemoteVideoStore remoteVideos;
    private final BlobStore blobs;
    private final FederationHttp http;
    private final ObjectMapper mapper;
    private final JobQueue jobs;
    private final Duration recheck;
    private final Clock clock;

    public RemoteMirrorChecks(RemoteMirrorStore store, VideoService videos, RemoteVideoStore remoteVideos, BlobStore blobs, FederationHttp http,
                              ObjectMapper mapper, JobQueue jobs, Duration recheck, Clock clock) {
        this.store = store;
        this.videos = videos;
        this.remoteVideos = remoteVideos;
        this.blobs = blobs;
        this.http = http;
        this.mapper = mapper;
        this.jobs = jobs;
        this.recheck = recheck;
        this.clock = clock;
    }

    /** The handler of {@link RemoteMirrorJobs#CHECK}. */
    public JobHandler<RemoteMirrorJobs.Check> checker() {
        return (Job job, RemoteMirrorJobs.Check c) -> check(c.remoteMirrorId());
    }

    /** The handler of {@link RemoteMirrorJobs#RECHECK}. */
    public JobHandler<NoPayload> rechecker() {
        return (Job job, NoPayload none) -> recheckDue();
    }

    void check(long id) throws Exception {
        RemoteMirrorStore.Row r = store.byId(id).orElse(null);
        if (r == null) return;
        Video v = videos.find(String.valueOf(r.videoId())).orElse(null);
        if (v == null) return;
        Optional<JsonNode> hashes = hashes(v);
        // A remote video's hashes come by their own fetch job: wait for them (the job retries) rather than fail the mirror.
        if (hashes.isEmpty()) throw new IllegalStateException("no segment hashes of video " + v.uuid() + " yet to check mirror " + r.baseUrl());
        String error = verify(r.baseUrl(), hashes.get());
        store.setChecked(id, error == null ? "verified" : "failed", error, clock.millis());
        if (error == null) log.info("mirror {} of {} verified", r.baseUrl(), v.uuid());
        else log.warn("mirror {} of {} failed its check: {}", r.baseUrl(), v.uuid(), error);
    }

    /** Null when the mirror served the right bytes, else why not. */
    private String verify(String baseUrl, JsonNode hashes) {
        List<String[]> ranges = new ArrayList<>();
        for (Map.Entry<String, JsonNode> file : hashes.properties()) {
            for (Map.Entry<String, JsonNode> range : file.getValue().properties()) ranges.add(new String[]{file.getKey(), range.getKey(), range.getValue().asText()});
        }
        if (ranges.isEmpty()) return "the segment hashes list no segment";
        String[] pick = ranges.get(ThreadLocalRandom.current().nextInt(ranges.size()));
        String[] bounds = pick[1].split("-");
        if (bounds.length != 2 || pick[0].contains("/")) return "unreadable hash entry " + pick[0] + " " + pick[1];
        String url = baseUrl + "/" + pick[0];
        try {
            long start = Long.parseLong(bounds[0]);
            long end = Long.parseLong(bounds[1]);
            byte[] got = http.fetchRange(URI.create(url), start, end);
            if (got.length != end - start + 1) return url + " bytes " + pick[1] + ": got " + got.length + " bytes";
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got));
            return sha.equalsIgnoreCase(pick[2]) ? null : url + " bytes " + pick[1] + " do not match their sha256";
        } catch (RuntimeException | java.security.NoSuchAlgorithmException e) {
            return url + " bytes " + pick[1] + ": " + e.getMessage();
        }
    }

    /** Our own hashes of the video: the file we wrote for ours, our copy of the origin's for a remote one. */
    private Optional<JsonNode> hashes(Video v) throws Exception {
        if (!v.isLocal()) {
            Optional<String> copy = remoteVideos.segmentsSha256(v.id());
            return copy.isEmpty() ? Optional.empty() : Optional.of(mapper.readTree(copy.get()));
        }
        try (InputStream in = blobs.read(BlobKeys.hlsFile(v.uuid(), v.segmentsShaName()))) {
            return Optional.of(mapper.readTree(in));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Queues a check of every mirror last checked a re-check interval ago, and forgets expired ones. */
    private void recheckDue() {
        long now = clock.millis();
        int purged = store.purgeExpired(now);
        if (purged > 0) log.info("purged {} expired mirror(s) of other instances", purged);
        for (long id : store.dueForCheck(now - recheck.toMillis(), now)) jobs.enqueue(RemoteMirrorJobs.CHECK, new RemoteMirrorJobs.Check(id));
    }
}

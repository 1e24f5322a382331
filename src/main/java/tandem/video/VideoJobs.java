package tandem.video;

import tandem.job.JobType;
import tandem.job.NoPayload;

import java.time.Duration;

/** The job types of the video pipeline, declared once with their retry policy and concurrency. */
public final class VideoJobs {
    private VideoJobs() {}

    /** Builds the .torrent of the uploaded original: fast, first, so clients see `torrentUrl` soon; also HLS renditions' missing ones. */
    public static final JobType<VideoJob> TORRENT = JobType.of("video-torrent", VideoJob.class, 5, Duration.ofSeconds(5), 2).withPriority(10);
    /** Grabs thumbnail and preview images. */
    public static final JobType<VideoJob> THUMBNAIL = JobType.of("video-thumbnail", VideoJob.class, 3, Duration.ofSeconds(10), 2).withPriority(20);
    /** Probes and encodes the HLS ladder in one ffmpeg process, then publishes. CPU-heavy: one at a time by default. */
    public static final JobType<VideoJob> TRANSCODE = JobType.of("video-transcode", VideoJob.class, 3, Duration.ofSeconds(30), 1).withPriority(100);
    /** Removes a deleted video's files from storage. */
    public static final JobType<DeleteFilesJob> DELETE_FILES = JobType.of("video-delete-files", DeleteFilesJob.class, 10, Duration.ofSeconds(30), 2).withPriority(50);
    /** Purges resumable uploads that received no chunk for a while (recurring). */
    public static final JobType<NoPayload> PURGE_UPLOADS = JobType.of("upload-purge", NoPayload.class, 3, Duration.ofMinutes(5), 1).withPriority(200);

    public static JobType<VideoJob> transcode(int concurrency) {
        return new JobType<>(TRANSCODE.name(), TRANSCODE.payload(), TRANSCODE.maxAttempts(), TRANSCODE.firstBackoff(), TRANSCODE.maxBackoff(), concurrency, TRANSCODE.priority());
    }
}

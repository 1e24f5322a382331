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
    /**
     * Probes, makes the first playable rendition (a remux of a web-ready source, else one low rung) and publishes.
     * Its own type, so a new upload becomes playable while another video's ladder is still encoding.
     */
    public static final JobType<VideoJob> TRANSCODE = JobType.of("video-transcode", VideoJob.class, 3, Duration.ofSeconds(30), 1).withPriority(100);
    /** Encodes the rungs a published video still lacks in one ffmpeg process and adds them. CPU-heavy: one at a time by default. */
    public static final JobType<VideoJob> LADDER = JobType.of("video-ladder", VideoJob.class, 3, Duration.ofSeconds(30), 1).withPriority(110);
    /** Publishes a video at the time its owner scheduled ({@link VideoSchedules}). */
    public static final JobType<VideoJob> SCHEDULED_UPDATE = JobType.of("video-scheduled-update", VideoJob.class, 10, Duration.ofSeconds(30), 2).withPriority(30);
    /** Removes a deleted video's files from storage. */
    public static final JobType<DeleteFilesJob> DELETE_FILES = JobType.of("video-delete-files", DeleteFilesJob.class, 10, Duration.ofSeconds(30), 2).withPriority(50);
    /** Purges resumable uploads that received no chunk for a while (recurring). */
    public static final JobType<NoPayload> PURGE_UPLOADS = JobType.of("upload-purge", NoPayload.class, 3, Duration.ofMinutes(5), 1).withPriority(200);

    public static JobType<VideoJob> transcode(int concurrency) {
        return withConcurrency(TRANSCODE, concurrency);
    }

    public static JobType<VideoJob> ladder(int concurrency) {
        return withConcurrency(LADDER, concurrency);
    }

    private static JobType<VideoJob> withConcurrency(JobType<VideoJob> t, int concurrency) {
        return new JobType<>(t.name(), t.payload(), t.maxAttempts(), t.firstBackoff(), t.maxBackoff(), concurrency, t.priority());
    }
}

package tandem.video;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.job.Job;
import tandem.job.JobQueue;

import java.time.Clock;
import java.util.Optional;

/**
 * Scheduled publication: a schedule is a row plus a durable job due at its time, both written in the
 * transaction of the upload or update that set it. The job applies the row only when it is due, so a
 * schedule moved later leaves an early job with nothing to do, and one moved earlier gets its own job.
 */
public final class VideoSchedules {
    private static final Logger log = LoggerFactory.getLogger(VideoSchedules.class);

    private final Transactions transactions;
    private final ScheduleStore store;
    private final JobQueue jobs;
    private final Clock clock;
    private final VideoEvents events;

    public VideoSchedules(Transactions transactions, ScheduleStore store, JobQueue jobs, Clock clock, VideoEvents events) {
        this.transactions = transactions;
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
        this.events = events;
    }

    /** Sets (or moves) a video's schedule in the caller's transaction. */
    public void set(Handle h, long videoId, ScheduledUpdate s) {
        store.put(h, videoId, s);
        jobs.enqueueAt(h, VideoJobs.SCHEDULED_UPDATE, new VideoJob(videoId), s.updateAt());
    }

    /** Drops a video's schedule, if any, in the caller's transaction (its owner published it by hand). */
    public void clear(Handle h, long videoId) {
        store.delete(h, videoId);
    }

    public Optional<ScheduledUpdate> find(long videoId) {
        return store.find(videoId);
    }

    /** The job: publishes the video when its schedule is due, and federates it as any publication; true when it did. */
    public boolean run(Job job, VideoJob payload) {
        long now = clock.millis();
        boolean done = transactions.inTransaction(h -> {
            Optional<ScheduledUpdate> s = store.find(h, payload.videoId());
            if (s.isEmpty() || s.get().updateAt() > now) return false;
            store.publish(h, payload.videoId(), s.get().privacy(), now);
            store.delete(h, payload.videoId());
            events.published(h, payload.videoId());
            return true;
        });
        if (done) log.info("video {} published on schedule", payload.videoId());
        return done;
    }
}

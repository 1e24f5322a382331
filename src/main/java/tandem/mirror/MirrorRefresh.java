package tandem.mirror;

import tandem.federation.inbox.HashesChanged;
import tandem.job.JobQueue;

/**
 * An origin that finishes its ladder after we mirrored the first rendition (Tandem publishes as soon
 * as one plays) changes its playlists and hashes: our ready mirror copies again, keeping the files
 * it has, so it serves every rendition the origin lists and passes any check of them.
 */
public final class MirrorRefresh implements HashesChanged {
    private final MirrorStore store;
    private final JobQueue jobs;

    public MirrorRefresh(MirrorStore store, JobQueue jobs) {
        this.store = store;
        this.jobs = jobs;
    }

    @Override
    public void hashesChanged(long videoId) {
        store.findByVideo(videoId).filter(Mirror::ready).ifPresent(m -> jobs.enqueue(MirrorJobs.COPY, new MirrorJob(m.id(), true)));
    }
}

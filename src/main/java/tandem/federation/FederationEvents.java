package tandem.federation;

import tandem.federation.inbox.FetchJob;
import tandem.federation.inbox.InboxJobs;
import tandem.federation.outbox.OutboxJobs;
import tandem.federation.outbox.PublishJob;
import org.jdbi.v3.core.Handle;
import tandem.job.JobQueue;
import tandem.video.Video;
import tandem.account.AccountEvents;
import tandem.video.VideoEvents;
import tandem.video.moderation.AbuseEvents;
import tandem.federation.outbox.FlagJob;
import tandem.federation.actor.LocalActors;

/**
 * Hears video events inside their transaction and queues one durable publish job each; the job
 * builds the activities later, so a crash between the change and the delivery loses nothing.
 */
public final class FederationEvents implements VideoEvents, AccountEvents, AbuseEvents {
    private final JobQueue jobs;
    private final LocalActors local;

    public FederationEvents(JobQueue jobs, LocalActors local) {
        this.jobs = jobs;
        this.local = local;
    }

    private void queue(Handle h, PublishJob payload) {
        jobs.enqueue(h, OutboxJobs.PUBLISH, payload);
    }

    @Override
    public void published(Handle h, long videoId) {
        queue(h, new PublishJob.VideoChanged(videoId));
    }

    @Override
    public void updated(Handle h, long videoId) {
        queue(h, new PublishJob.VideoChanged(videoId));
    }

    @Override
    public void deleting(Handle h, Video video) {
        if (!video.isLocal()) return;
        // The row is about to go: keep what the Delete needs (its URL and who followed it).
        queue(h, new PublishJob.VideoDeleted(local.videoUrl(video.uuid()), video.uuid(), video.channel().account().id(), video.channel().id()));
    }

    @Override
    public void channelUpdated(Handle h, long channelId) {
        queue(h, new PublishJob.ChannelUpdated(channelId));
    }

    @Override
    public void channelDeleting(Handle h, long channelId) {
        // The channel's actor would go with its row (and with it the key that signs the Delete): untie it first.
        local.detachChannel(h, channelId).ifPresent(actorId -> queue(h, new PublishJob.ChannelDeleted(actorId)));
    }

    @Override
    public void accountUpdated(Handle h, long accountId) {
        queue(h, new PublishJob.AccountUpdated(accountId));
    }

    /** Our instance actor changed (its pledge): its followers get an Update of it. */
    public void instanceUpdated(Handle h) {
        queue(h, new PublishJob.InstanceUpdated());
    }

    @Override
    public void remoteStale(Handle h, long videoId) {
        jobs.enqueue(h, InboxJobs.FETCH, new FetchJob.Refresh(videoId));
    }

    @Override
    public void commented(Handle h, long commentId) {
        queue(h, new PublishJob.CommentChanged(commentId));
    }

    @Override
    public void commentDeleted(Handle h, long commentId) {
        queue(h, new PublishJob.CommentDeleted(commentId));
    }

    @Override
    public void commentApproved(Handle h, long commentId) {
        queue(h, new PublishJob.CommentApproved(commentId));
    }

    @Override
    public void rated(Handle h, long videoId, long accountId, String old, String rating) {
        queue(h, new PublishJob.Rated(videoId, accountId, old, rating));
    }

    /** A report about another instance's object: a Flag goes to it. */
    @Override
    public void reportedRemote(Handle h, long abuseId) {
        jobs.enqueue(h, OutboxJobs.FLAG, new FlagJob(abuseId));
    }

    @Override
    public void viewed(Handle h, long videoId) {
        queue(h, new PublishJob.Viewed(videoId));
    }
}

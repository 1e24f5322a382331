package tandem.federation;

import tandem.federation.inbox.InboxJobs;
import tandem.federation.outbox.OutboxJobs;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import tandem.job.JobQueue;
import tandem.video.Video;
import tandem.account.AccountEvents;
import tandem.video.VideoEvents;
import tandem.federation.actor.LocalActors;

/**
 * Hears video events inside their transaction and queues one durable publish job each; the job
 * builds the activities later, so a crash between the change and the delivery loses nothing.
 */
public final class FederationEvents implements VideoEvents, AccountEvents {
    private final ObjectMapper mapper;
    private final JobQueue jobs;
    private final LocalActors local;

    public FederationEvents(ObjectMapper mapper, JobQueue jobs, LocalActors local) {
        this.mapper = mapper;
        this.jobs = jobs;
        this.local = local;
    }

    private void queue(Handle h, ObjectNode payload) {
        jobs.enqueue(h, OutboxJobs.PUBLISH, payload.toString());
    }

    private ObjectNode event(String kind) {
        return mapper.createObjectNode().put("kind", kind);
    }

    @Override
    public void published(Handle h, long videoId) {
        queue(h, event("video").put("videoId", videoId));
    }

    @Override
    public void updated(Handle h, long videoId) {
        queue(h, event("video").put("videoId", videoId));
    }

    @Override
    public void deleting(Handle h, Video video) {
        if (!video.isLocal()) return;
        // The row is about to go: keep what the Delete needs (its URL and who followed it).
        queue(h, event("video-deleted").put("url", local.videoUrl(video.uuid())).put("uuid", video.uuid())
                .put("accountId", video.channel().account().id()).put("channelId", video.channel().id()));
    }

    @Override
    public void channelUpdated(Handle h, long channelId) {
        queue(h, event("channel-updated").put("channelId", channelId));
    }

    @Override
    public void accountUpdated(Handle h, long accountId) {
        queue(h, event("account-updated").put("accountId", accountId));
    }

    @Override
    public void remoteStale(Handle h, long videoId) {
        jobs.enqueue(h, InboxJobs.FETCH, event("refresh").put("videoId", videoId).toString());
    }

    @Override
    public void commented(Handle h, long commentId) {
        queue(h, event("comment").put("commentId", commentId));
    }

    @Override
    public void commentDeleted(Handle h, long commentId) {
        queue(h, event("comment-deleted").put("commentId", commentId));
    }

    @Override
    public void rated(Handle h, long videoId, long accountId, String old, String rating) {
        queue(h, event("rate").put("videoId", videoId).put("accountId", accountId).put("old", old).put("rating", rating));
    }

    @Override
    public void viewed(Handle h, long videoId) {
        queue(h, event("view").put("videoId", videoId));
    }
}

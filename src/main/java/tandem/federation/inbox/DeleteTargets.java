package tandem.federation.inbox;

/**
 * The one resolver of a Delete's object: a video, else a comment, else an actor (the order in which
 * a URL could be ambiguous matters only for our own instance, and these lookups cannot overlap).
 */
public final class DeleteTargets {
    private final VideoActivities videos;
    private final CommentActivities comments;
    private final ActorDeletions actors;

    public DeleteTargets(VideoActivities videos, CommentActivities comments, ActorDeletions actors) {
        this.videos = videos;
        this.comments = comments;
        this.actors = actors;
    }

    public DeleteTarget resolve(String url) {
        var video = videos.remoteVideoId(url);
        if (video.isPresent()) return new DeleteTarget.RemoteVideo(url, video.get());
        var comment = comments.find(url);
        if (comment.isPresent()) return new DeleteTarget.KnownComment(url, comment.get());
        var actor = actors.remoteActor(url);
        if (actor.isPresent()) return new DeleteTarget.RemoteActor(url, actor.get());
        return new DeleteTarget.Unknown(url);
    }
}

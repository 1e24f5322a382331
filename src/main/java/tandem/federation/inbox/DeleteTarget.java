package tandem.federation.inbox;

import tandem.federation.actor.Actor;
import tandem.video.Comment;

/** What the object of an inbound Delete names here, found once (see {@link DeleteTargets}). */
public sealed interface DeleteTarget {
    String url();

    /** A remote video we list. */
    record RemoteVideo(String url, long videoId) implements DeleteTarget {}

    /** A comment we hold: a remote one, or one of ours on a remote video (its origin may remove it). */
    record KnownComment(String url, Comment comment) implements DeleteTarget {}

    /** A remote actor, deleting itself. */
    record RemoteActor(String url, Actor actor) implements DeleteTarget {}

    /** Nothing we know: the Delete is acknowledged and ignored. */
    record Unknown(String url) implements DeleteTarget {}
}

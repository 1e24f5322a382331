package tandem.federation.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.account.Account;
import tandem.db.Transactions;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.job.JobQueue;
import tandem.video.Comment;
import tandem.video.CommentStore;
import tandem.video.Video;
import tandem.video.VideoPrivacy;
import tandem.video.VideoService;
import tandem.video.VideoState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.document.ActorToAs;
import tandem.federation.document.CommentToAs;
import tandem.federation.document.VideoToAs;
import tandem.federation.vocab.Contexts;
import tandem.federation.vocab.Federable;

/**
 * Runs publish jobs: turns a local event into PeerTube-shaped activities and hands them to the
 * {@link Outbox} (one delivery job per inbox). Our public videos go as Create, then Update, to
 * everyone following the instance, the owner account or the channel, the Create followed by the
 * instance's and the channel's Announce; a video that stops being public, or is deleted, goes as Delete. Rates and views of remote videos go to their origin.
 */
public final class Publisher implements JobHandler<PublishJob> {
    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    private final Transactions transactions;
    private final ObjectMapper mapper;
    private final VideoService videos;
    private final CommentStore comments;
    private final RemoteVideoStore remoteVideos;
    private final LocalActors local;
    private final ActorStore actors;
    private final Audience audience;
    private final VideoToAs videoToAs;
    private final CommentToAs commentToAs;
    private final ActorToAs actorToAs;
    private final Outbox outbox;
    private final OutboxStore sent;
    private final JobQueue jobs;
    private final Clock clock;
    private final Supplier<String> instanceName;
    /** Videos a moderator blocked and unfederated: their Delete went out, nothing else about them may follow. */
    private final java.util.function.LongPredicate withheld;

    public Publisher(Transactions transactions, ObjectMapper mapper, VideoService videos, CommentStore comments, RemoteVideoStore remoteVideos,
                     LocalActors local, ActorStore actors, Audience audience, VideoToAs videoToAs, CommentToAs commentToAs, ActorToAs actorToAs,
                     Outbox outbox, OutboxStore sent, JobQueue jobs, Clock clock, Supplier<String> instanceName, java.util.function.LongPredicate withheld) {
        this.withheld = withheld;
        this.instanceName = instanceName;
        this.transactions = transactions;
        this.mapper = mapper;
        this.videos = videos;
        this.comments = comments;
        this.remoteVideos = remoteVideos;
        this.local = local;
        this.actors = actors;
        this.audience = audience;
        this.videoToAs = videoToAs;
        this.commentToAs = commentToAs;
        this.actorToAs = actorToAs;
        this.outbox = outbox;
        this.sent = sent;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void run(Job job, PublishJob payload) {
        switch (payload) {
            case PublishJob.VideoChanged v -> video(v.videoId());
            case PublishJob.ChannelUpdated c -> channelUpdated(c.channelId());
            case PublishJob.ChannelDeleted c -> channelDeleted(c.actorId());
            case PublishJob.AccountUpdated a -> accountUpdated(a.accountId());
            // Its pledge: the instances we follow plan the pool with us, so they hear of it too.
            case PublishJob.InstanceUpdated _ -> profileUpdated(local.instance(), actorToAs.instance(instanceName.get(), 0), h -> audience.forInstance(h, local.instance()));
            case PublishJob.SharesDue s -> shares(s.videoId());
            case PublishJob.VideoDeleted d -> videoDeleted(d);
            case PublishJob.CommentChanged c -> comment(c.commentId(), false);
            case PublishJob.CommentDeleted c -> comment(c.commentId(), true);
            case PublishJob.CommentApproved c -> approved(c.commentId());
            case PublishJob.Rated r -> rate(r);
            case PublishJob.Viewed v -> view(v.videoId());
        }
    }

    private Optional<Video> video(String id) {
        return videos.find(id);
    }

    /**
     * Create the first time a public or unlisted, playable video is announced (an unlisted one addressed
     * to no one, as PeerTube federates them); Update after; Delete once when it becomes private.
     */
    private void video(long videoId) {
        Optional<Video> found = video(String.valueOf(videoId));
        if (found.isEmpty() || !found.get().isLocal() || withheld.test(videoId)) return;
        Video v = found.get();
        String url = local.videoUrl(v.uuid());
        List<tandem.video.VideoFile> files = videos.files(v);
        boolean playable = v.state() == VideoState.PUBLISHED && files.stream().anyMatch(f -> "hls".equals(f.kind()));
        boolean announced = wasSent(url + "/activity");
        transactions.useTransaction(h -> {
            List<String> inboxes = audience.forVideo(h, v);
            if (v.privacy() != VideoPrivacy.PUBLIC && v.privacy() != VideoPrivacy.UNLISTED) {
                if (announced && !inboxes.isEmpty() && !deletedSinceSent(url)) {
                    Actor owner = local.account(v.channel().account());
                    outbox.send(h, owner, delete(owner, url), inboxes);
                }
                return;
            }
            if (!playable) return;
            if (inboxes.isEmpty()) {
                // Nobody follows yet: remember the Create so the next change is an Update.
                if (!announced) markSent(h, url + "/activity");
                return;
            }
            Actor owner = local.account(v.channel().account());
            ObjectNode object = videoToAs.video(v, files);
            ObjectNode activity = announced
                    ? activity("Update", url + "/updates/" + Instant.ofEpochMilli(v.updatedAt()) + "-" + clock.millis(), owner, object)
                    : activity("Create", url + "/activity", owner, object);
            activity.set("@context", object.get("@context"));
            int n = outbox.send(h, owner, activity, inboxes);
            if (n == 0 && !announced) markSent(h, url + "/activity");
            log.info("{} of video {} queued for {} inbox(es)", activity.path("type").asText(), v.uuid(), n);
            // Then the shares, as PeerTube does, from a job of their own: the Create's deliveries start
            // as this commits, without waiting for twice as many Announce deliveries to be queued.
            if (!announced && n > 0) jobs.enqueue(h, OutboxJobs.PUBLISH, new PublishJob.SharesDue(v.id()));
        });
    }

    private void channelUpdated(long channelId) {
        Optional<tandem.account.Channel> c = audience.channel(channelId);
        if (c.isEmpty() || c.get().host() != null) return;
        profileUpdated(local.channel(c.get()), actorToAs.channel(c.get()), h -> audience.followersOf(h, audience.involved(c.get())));
    }

    private void accountUpdated(long accountId) {
        Optional<Account> a = audience.account(accountId);
        // An account never served as an actor is held by no other instance: nothing to update.
        if (a.isEmpty() || a.get().host() != null || actors.byAccount(accountId).isEmpty()) return;
        profileUpdated(local.account(a.get()), actorToAs.account(a.get()), h -> audience.followersOf(h, audience.involvedWith(a.get())));
    }

    /**
     * An actor's new profile, as PeerTube sends it: Update of the actor by itself, to the followers of
     * the actor and of the actors sharing its videos, who read the actor again (display name,
     * description, support).
     */
    private void profileUpdated(Actor actor, ObjectNode object, Function<Handle, List<String>> inboxes) {
        ObjectNode update = activity("Update", actor.url() + "/updates/" + clock.millis(), actor, object);
        update.putArray("to").add(Contexts.PUBLIC);
        update.putArray("cc").add(actor.followers());
        transactions.useTransaction(h -> {
            int n = outbox.send(h, actor, update, inboxes.apply(h));
            log.info("Update of {} queued for {} inbox(es)", actor.url(), n);
        });
    }

    /** The instance's and the channel's Announce of a video we just created, to the same audience. */
    private void shares(long videoId) {
        Optional<Video> found = video(String.valueOf(videoId));
        if (found.isEmpty() || !found.get().isLocal() || found.get().privacy() != VideoPrivacy.PUBLIC) return;
        Video v = found.get();
        String url = local.videoUrl(v.uuid());
        if (v.state() != VideoState.PUBLISHED || !wasSent(url + "/activity")) return;
        transactions.useTransaction(h -> {
            List<String> inboxes = audience.forVideo(h, v);
            for (Actor sharer : List.of(local.instance(), local.channel(v.channel()))) {
                ObjectNode share = videoToAs.announce(sharer, url);
                share.set("@context", Contexts.base(mapper));
                outbox.send(h, sharer, share, inboxes);
            }
        });
    }

    private void videoDeleted(PublishJob.VideoDeleted p) {
        String url = p.url();
        List<Actor> involved = new ArrayList<>();
        actors.byAccount(p.accountId()).ifPresent(involved::add);
        actors.byChannel(p.channelId()).ifPresent(involved::add);
        actors.byUrl(local.instanceUrl()).ifPresent(involved::add);
        if (involved.isEmpty()) return;
        Actor from = involved.getFirst();
        transactions.useTransaction(h -> outbox.send(h, from, delete(from, url), audience.followersOf(h, involved)));
    }

    /**
     * A deleted channel's Group sends its own Delete (the object is the actor itself, as PeerTube sends it)
     * to its followers and the instance's, who may know it from its videos; then it has no followers left.
     */
    private void channelDeleted(long actorId) {
        Optional<Actor> gone = actors.byId(actorId).filter(a -> a.local() && a.channelId() == null);
        if (gone.isEmpty()) return;
        Actor g = gone.get();
        transactions.useTransaction(h -> {
            List<Actor> involved = new ArrayList<>(List.of(g));
            actors.byUrl(local.instanceUrl()).ifPresent(involved::add);
            outbox.send(h, g, delete(g, g.url()), audience.followersOf(h, involved));
            actors.deleteFollowersOf(h, g.id());
        });
    }

    private void comment(long commentId, boolean deleted) {
        Optional<Comment> found = comments.byId(commentId);
        if (found.isEmpty()) return;
        Comment c = found.get();
        Optional<Video> v = video(String.valueOf(c.videoId()));
        if (v.isEmpty()) return;
        // Our own videos' comments federate only while the video does (public or unlisted, published).
        if (v.get().isLocal() && !Federable.video(v.get())) return;
        if (c.account().host() != null) {
            if (deleted && v.get().isLocal()) moderationDelete(c, v.get());
            return;
        }
        // Held for review on our video: out once approved. Ours on a remote video goes now, for its origin to review.
        if (v.get().isLocal() && c.heldForReview()) return;
        String videoUrl = v.get().isLocal() ? local.videoUrl(v.get().uuid()) : remoteVideos.urlOf(v.get().id()).orElse(null);
        if (videoUrl == null) return;
        ObjectNode note = commentToAs.note(c, v.get(), videoUrl, parentUrl(c));
        transactions.useTransaction(h -> {
            List<String> inboxes = new ArrayList<>(audience.forVideo(h, v.get()));
            inboxes.addAll(audience.followersOfAccount(h, c.account()));
            // A reply also goes to the authors it answers, as PeerTube sends it: they may follow no one here.
            inboxes.addAll(parentAuthorInboxes(c));
            if (inboxes.isEmpty()) return;
            Actor author = local.account(c.account());
            ObjectNode activity = deleted ? delete(author, note.path("id").asText()) : activity("Create", note.path("id").asText() + "/activity", author, note);
            // A deleted comment goes by its URL, as PeerTube sends it; the URL answers its Tombstone.
            outbox.send(h, author, activity, inboxes);
        });
    }

    private String parentUrl(Comment c) {
        return c.inReplyTo() == null ? null : comments.byId(c.inReplyTo()).map(local::commentId).orElse(null);
    }

    /**
     * An approved comment: ours federates now; a remote one on our video earns its author's server the
     * owner's ApproveReply, as PeerTube sends it (only to that server: it sends the comment on itself).
     */
    private void approved(long commentId) {
        Optional<Comment> c = comments.byId(commentId);
        if (c.isEmpty()) return;
        if (c.get().account().host() == null) {
            comment(commentId, false);
            return;
        }
        Optional<Video> v = video(String.valueOf(c.get().videoId())).filter(Video::isLocal).filter(Federable::video);
        Optional<String> inbox = actors.byAccount(c.get().account().id()).map(Actor::deliveryInbox);
        if (v.isEmpty() || inbox.isEmpty() || c.get().url() == null) return;
        ObjectNode approval = commentToAs.approveReply(c.get(), v.get(), c.get().url(), parentUrl(c.get()));
        transactions.useTransaction(h -> outbox.send(h, local.account(v.get().channel().account()), approval, List.of(inbox.get())));
    }

    /**
     * A remote comment on one of our videos, removed by the video's owner or a moderator here: the
     * owner account sends its Delete (id `<comment>/delete`, as PeerTube's video origin does) to the
     * video's audience and to the comment's author.
     */
    private void moderationDelete(Comment c, Video v) {
        String url = c.url();
        if (url == null) return;
        Actor owner = local.account(v.channel().account());
        transactions.useTransaction(h -> {
            List<String> inboxes = new ArrayList<>(audience.forVideo(h, v));
            actors.byAccount(c.account().id()).map(Actor::deliveryInbox).ifPresent(inboxes::add);
            if (!inboxes.isEmpty()) outbox.send(h, owner, delete(owner, url), inboxes);
        });
    }

    /** The inboxes of the remote authors of the comments a reply answers, up its thread (deleted ones left out). */
    private List<String> parentAuthorInboxes(Comment c) {
        List<String> inboxes = new ArrayList<>();
        Long parentId = c.inReplyTo();
        for (int depth = 0; parentId != null && depth < 100; depth++) {
            Optional<Comment> parent = comments.byId(parentId);
            if (parent.isEmpty()) break;
            if (!parent.get().deleted() && parent.get().account().host() != null) {
                actors.byAccount(parent.get().account().id()).map(Actor::deliveryInbox).ifPresent(inboxes::add);
            }
            parentId = parent.get().inReplyTo();
        }
        return inboxes;
    }

    /** A local account's Like/Dislike/Undo of a remote video goes to its origin; on our own videos, an Update carries the counts. */
    private void rate(PublishJob.Rated p) {
        Optional<Video> v = video(String.valueOf(p.videoId()));
        if (v.isEmpty()) return;
        if (v.get().isLocal()) {
            video(v.get().id());
            return;
        }
        Optional<String> videoUrl = remoteVideos.urlOf(v.get().id());
        Optional<Account> account = audience.account(p.accountId());
        Optional<String> inbox = audience.originInbox(v.get());
        if (videoUrl.isEmpty() || account.isEmpty() || inbox.isEmpty()) return;
        Actor rater = local.account(account.get());
        String rating = p.rating();
        String old = p.old();
        ObjectNode activity = "none".equals(rating)
                ? undo(rater, rateActivity(rater, old, videoUrl.get()))
                : rateActivity(rater, rating, videoUrl.get());
        transactions.useTransaction(h -> outbox.send(h, rater, activity, List.of(inbox.get())));
    }

    private void view(long videoId) {
        Optional<Video> v = video(String.valueOf(videoId));
        if (v.isEmpty()) return;
        String url = v.get().isLocal() ? local.videoUrl(v.get().uuid()) : remoteVideos.urlOf(v.get().id()).orElse(null);
        if (url == null) return;
        transactions.useTransaction(h -> {
            List<String> inboxes = v.get().isLocal() ? audience.followersOf(h, audience.involved(v.get().channel()))
                    : audience.originInbox(v.get()).stream().toList();
            if (inboxes.isEmpty()) return;
            Actor instance = local.instance();
            ObjectNode view = mapper.createObjectNode();
            view.set("@context", Contexts.base(mapper));
            view.put("id", instance.url() + "/views/videos/" + v.get().id() + "/" + UUID.randomUUID());
            view.put("type", "View");
            view.put("actor", instance.url());
            view.put("object", url);
            outbox.send(h, instance, view, inboxes);
        });
    }

    private ObjectNode rateActivity(Actor rater, String rating, String videoUrl) {
        boolean like = "like".equals(rating);
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", Contexts.base(mapper));
        a.put("id", rater.url() + (like ? "/likes/" : "/dislikes/") + Math.abs(videoUrl.hashCode()));
        a.put("type", like ? "Like" : "Dislike");
        a.put("actor", rater.url());
        a.put("object", videoUrl);
        return a;
    }

    private ObjectNode undo(Actor actor, ObjectNode what) {
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", Contexts.base(mapper));
        a.put("id", what.path("id").asText() + "/undo/" + clock.millis());
        a.put("type", "Undo");
        a.put("actor", actor.url());
        what.remove("@context");
        a.set("object", what);
        return a;
    }

    private ObjectNode delete(Actor actor, String url) {
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", Contexts.base(mapper));
        a.put("id", url + "/delete");
        a.put("type", "Delete");
        a.put("actor", actor.url());
        a.put("object", url);
        a.putArray("to").add(Contexts.PUBLIC);
        return a;
    }

    private ObjectNode activity(String type, String id, Actor actor, ObjectNode object) {
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", object.get("@context"));
        a.put("id", id);
        a.put("type", type);
        a.put("actor", actor.url());
        a.set("to", object.get("to"));
        a.set("cc", object.get("cc"));
        ObjectNode inner = object.deepCopy();
        inner.remove("@context");
        a.set("object", inner);
        return a;
    }

    /** Whether the last activity sent about this video was its Delete (a private video's later changes send nothing). */
    private boolean deletedSinceSent(String videoUrl) {
        return sent.latestAbout(videoUrl).map(u -> u.equals(videoUrl + "/delete")).orElse(false);
    }

    private boolean wasSent(String activityUrl) {
        return sent.wasSent(activityUrl);
    }

    private void markSent(Handle h, String activityUrl) {
        sent.markSent(h, activityUrl, clock.millis());
    }
}

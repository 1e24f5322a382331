package tandem.federation.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.Channel;
import tandem.core.PageRequest;
import tandem.video.Comment;
import tandem.video.CommentStore;
import tandem.video.Video;
import tandem.video.VideoPrivacy;
import tandem.video.VideoQuery;
import tandem.video.Chapter;
import tandem.video.VideoChapters;
import tandem.video.VideoService;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.Follow;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.vocab.Collections;
import tandem.federation.vocab.Contexts;
import tandem.federation.vocab.Federable;

/**
 * The ActivityPub documents our URLs serve to other servers: actors, their outbox, followers and
 * following collections, videos with their Create and rating collections, and comments. Empty
 * when there is nothing public to show (the route answers 404).
 */
public final class Documents {
    private final ObjectMapper mapper;
    private final AccountService accounts;
    private final VideoService videos;
    private final CommentStore comments;
    private final RemoteVideoStore remoteVideos;
    private final LocalActors local;
    private final ActorStore actors;
    private final ActorToAs actorToAs;
    private final VideoToAs videoToAs;
    private final CommentToAs commentToAs;
    private final Collections collections;
    private final Supplier<String> instanceName;
    private final VideoChapters chapters;

    public Documents(ObjectMapper mapper, AccountService accounts, VideoService videos, CommentStore comments, RemoteVideoStore remoteVideos,
                     LocalActors local, ActorStore actors, ActorToAs actorToAs, VideoToAs videoToAs, CommentToAs commentToAs,
                     Supplier<String> instanceName, VideoChapters chapters) {
        this.chapters = chapters;
        this.mapper = mapper;
        this.accounts = accounts;
        this.videos = videos;
        this.comments = comments;
        this.remoteVideos = remoteVideos;
        this.local = local;
        this.actors = actors;
        this.actorToAs = actorToAs;
        this.videoToAs = videoToAs;
        this.commentToAs = commentToAs;
        this.collections = new Collections(mapper);
        this.instanceName = instanceName;
    }

    /** An actor known by name: the instance actor, a local account or a local channel. */
    public record Named(Actor actor, Account account, Channel channel) {}

    public Optional<Named> account(String name) {
        if (tandem.account.AccountStore.INSTANCE_ACTOR.equals(name)) return Optional.of(new Named(local.instance(), null, null));
        return accounts.localAccount(name).map(a -> new Named(local.account(a), a, null));
    }

    public Optional<Named> channel(String name) {
        return accounts.localChannel(name).map(c -> new Named(local.channel(c), null, c));
    }

    /** WebFinger's lookup: accounts, channels and the instance actor share one namespace. */
    public Optional<Named> anyActor(String name) {
        return account(name).or(() -> channel(name));
    }

    /** One of our actors by its URL (`/accounts/<name>`, `/video-channels/<name>`), made on first use. */
    public Optional<Actor> localActor(String url) {
        if (!local.isLocal(url)) return Optional.empty();
        String path = java.net.URI.create(url).getPath();
        String[] p = path == null ? new String[0] : path.split("/");
        if (p.length != 3) return Optional.empty();
        return switch (p[1]) {
            case "accounts", "a" -> account(p[2]).map(Named::actor);
            case "video-channels", "c" -> channel(p[2]).map(Named::actor);
            default -> Optional.empty();
        };
    }

    public ObjectNode actor(Named n) {
        if (n.account() != null) return actorToAs.account(n.account());
        if (n.channel() != null) return actorToAs.channel(n.channel());
        return actorToAs.instance(instanceName.get(), 0);
    }

    public ObjectNode outbox(Named n, Integer page) {
        VideoQuery q = query(n, 0, 1);
        long total = videos.list(q).total();
        return collections.collection(n.actor().outbox(), total, page, (start, count) -> videos.list(query(n, start, count)).data().stream()
                .map(v -> announce(n.actor(), v)).toList());
    }

    private VideoQuery query(Named n, int start, int count) {
        PageRequest p = new PageRequest(start, count, "publishedAt", true);
        return new VideoQuery(p, true, null, null, null, null, n.channel() == null ? null : n.channel().id(),
                n.account() == null ? null : n.account().id(), null);
    }

    private ObjectNode announce(Actor by, Video v) {
        return videoToAs.announce(by, local.videoUrl(v.uuid()));
    }

    public ObjectNode followers(Named n, Integer page) {
        long total = actors.countFollows(true, List.of(n.actor().id()), Follow.ACCEPTED);
        return collections.collection(n.actor().followers(), total, page, (s, c) -> actors.followerUrls(n.actor().id(), s, c));
    }

    public ObjectNode following(Named n, Integer page) {
        long total = actors.countFollows(false, List.of(n.actor().id()), Follow.ACCEPTED);
        return collections.collection(n.actor().url() + "/following", total, page, (s, c) -> actors.followingUrls(n.actor().id(), s, c));
    }

    /** A video that other servers may see: ours, public or unlisted, playable. */
    public Optional<Video> federatedVideo(String id) {
        return videos.find(id).filter(Video::isLocal).filter(Federable::video);
    }

    /** Where a remote video lives, for a 301 from our copy's URL. */
    public Optional<String> remoteOrigin(String id) {
        return videos.find(id).filter(v -> !v.isLocal()).flatMap(v -> remoteVideos.urlOf(v.id()));
    }

    public ObjectNode video(Video v) {
        return videoToAs.video(v, videos.files(v));
    }

    public ObjectNode videoCreate(Video v) {
        ObjectNode object = video(v);
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", object.remove("@context"));
        a.put("id", local.videoUrl(v.uuid()) + "/activity");
        a.put("type", "Create");
        a.put("actor", local.accountUrl(v.channel().account().name()));
        a.set("to", object.get("to"));
        a.set("cc", object.get("cc"));
        a.set("object", object);
        return a;
    }

    /** `shares`: the ids of the Announces of this video by our instance actor and its channel (PeerTube fetches each). */
    public ObjectNode shares(Video v, Integer page) {
        List<String> shares = sharers(v).stream().map(by -> announce(by, v).path("id").asText()).toList();
        return collections.collection(local.videoUrl(v.uuid()) + "/announces", shares.size(), page,
                (s, c) -> shares.subList(Math.min(s, shares.size()), Math.min(s + c, shares.size())));
    }

    /** One of those Announces, or the owner account's that its outbox lists, by the id of the actor that shared. */
    public Optional<ObjectNode> share(Video v, long actorId) {
        List<Actor> by = new java.util.ArrayList<>(sharers(v));
        if (!by.isEmpty()) actors.byAccount(v.channel().account().id()).ifPresent(by::add);
        return by.stream().filter(a -> a.id() == actorId).findFirst().map(a -> {
            ObjectNode announceOf = mapper.createObjectNode().put("@context", Contexts.AS);
            announceOf.setAll(announce(a, v));
            return announceOf;
        });
    }

    /** Who shares a video: its instance and its channel, for public videos only (an unlisted one goes to no one). */
    private List<Actor> sharers(Video v) {
        return v.privacy() == VideoPrivacy.PUBLIC ? List.of(local.instance(), local.channel(v.channel())) : List.of();
    }

    /**
     * `hasParts`: the video's chapters, as PeerTube reads them (an update of a video whose chapters
     * it cannot fetch stops short of reading its likes): each one's `name`, `startOffset` and `endOffset`
     * (the next one's start, the last one's the video's end), in seconds.
     */
    public ObjectNode chapters(Video v) {
        ObjectNode o = mapper.createObjectNode();
        ArrayNode context = o.putArray("@context").add(Contexts.AS);
        context.addObject().put("sc", "http://schema.org/").put("name", "sc:name").put("hasPart", "sc:hasPart")
                .put("startOffset", "sc:startOffset").put("endOffset", "sc:endOffset");
        o.put("id", local.videoUrl(v.uuid()) + "/chapters");
        ArrayNode parts = o.putArray("hasPart");
        List<Chapter> list = chapters.of(v);
        for (int i = 0; i < list.size(); i++) {
            int end = i + 1 < list.size() ? list.get(i + 1).timecode() : Math.max(v.duration(), list.get(i).timecode());
            parts.addObject().put("name", list.get(i).title()).put("startOffset", list.get(i).timecode()).put("endOffset", end);
        }
        return o;
    }

    /** `playlists` of an actor: we federate no playlists yet. */
    public ObjectNode playlists(Named n, Integer page) {
        return collections.collection(n.actor().url() + "/playlists", 0, page, (s, c) -> List.of());
    }

    /** `likes`/`dislikes`: PeerTube's receivers read only `totalItems`. */
    public ObjectNode rates(Video v, boolean likes, Integer page) {
        String id = local.videoUrl(v.uuid()) + (likes ? "/likes" : "/dislikes");
        return collections.collection(id, likes ? v.likes() : v.dislikes(), page, (s, c) -> List.of());
    }

    /** `comments`: the URL of every comment, replies and tombstones too, as PeerTube lists its own. */
    public ObjectNode comments(Video v, Integer page) {
        String id = local.videoUrl(v.uuid()) + "/comments";
        long total = comments.countAll(v.id());
        return collections.collection(id, total, page, (s, c) -> comments.all(v.id(), s, c).stream()
                .map(local::commentId).toList());
    }

    /**
     * A comment written here, as a Note (a Tombstone once deleted), on our video or on a remote one
     * (other instances check forwarded comments against this URL).
     */
    public Optional<ObjectNode> comment(String videoId, long commentId) {
        Optional<Video> v = videos.find(videoId).filter(x -> !x.isLocal() || federatedVideo(x.uuid()).isPresent());
        if (v.isEmpty()) return Optional.empty();
        // One held for review on our video is not out yet; ours on a remote video is, for its origin to review.
        Optional<Comment> c = comments.byId(v.get().id(), commentId).filter(x -> !(v.get().isLocal() && x.heldForReview()));
        if (c.isEmpty() || c.get().account().host() != null) return Optional.empty();
        String videoUrl = v.get().isLocal() ? local.videoUrl(v.get().uuid()) : remoteVideos.urlOf(v.get().id()).orElse(null);
        if (videoUrl == null) return Optional.empty();
        return Optional.of(commentToAs.note(c.get(), v.get(), videoUrl, parentUrl(c.get())));
    }

    /** `<comment>/approve-reply`: the ApproveReply of a comment on our video, once it is not held (as PeerTube serves it). */
    public Optional<ObjectNode> approval(String videoId, long commentId) {
        Optional<Video> v = federatedVideo(videoId);
        Optional<Comment> c = v.flatMap(x -> comments.byId(x.id(), commentId)).filter(x -> !x.heldForReview());
        if (c.isEmpty()) return Optional.empty();
        return Optional.of(commentToAs.approveReply(c.get(), v.get(), local.commentId(c.get()), parentUrl(c.get())));
    }

    /** The AP id of the comment a reply answers; null for a thread's root. */
    private String parentUrl(Comment c) {
        return c.inReplyTo() == null ? null : comments.byId(c.inReplyTo()).map(local::commentId).orElse(null);
    }
}

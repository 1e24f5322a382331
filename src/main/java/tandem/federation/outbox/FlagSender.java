package tandem.federation.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.db.Transactions;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ActorStore;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.RemoteVideoStore;
import tandem.federation.vocab.Contexts;
import tandem.job.Job;
import tandem.job.JobHandler;
import tandem.video.Comment;
import tandem.video.CommentStore;
import tandem.video.moderation.Abuse;
import tandem.video.moderation.Abuses;

import java.util.List;
import java.util.Optional;

/**
 * Sends a report about another instance's video, comment or account to that instance, as PeerTube
 * does: a Flag by our instance actor (the reporter stays private), id `<base>/admin/abuses/<id>`,
 * the object's URL, the reason as `content`, predefined reasons as Hashtags, to the shared inbox of
 * the flagged account.
 */
public final class FlagSender implements JobHandler<FlagJob> {
    private static final Logger log = LoggerFactory.getLogger(FlagSender.class);

    private final Transactions transactions;
    private final ObjectMapper mapper;
    private final Abuses abuses;
    private final CommentStore comments;
    private final RemoteVideoStore remoteVideos;
    private final ActorStore actors;
    private final LocalActors local;
    private final Outbox outbox;

    public FlagSender(Transactions transactions, ObjectMapper mapper, Abuses abuses, CommentStore comments, RemoteVideoStore remoteVideos,
                      ActorStore actors, LocalActors local, Outbox outbox) {
        this.transactions = transactions;
        this.mapper = mapper;
        this.abuses = abuses;
        this.comments = comments;
        this.remoteVideos = remoteVideos;
        this.actors = actors;
        this.local = local;
        this.outbox = outbox;
    }

    @Override
    public void run(Job job, FlagJob payload) {
        Abuse a = abuses.find(payload.abuseId()).orElse(null);
        if (a == null || a.flaggedAccount() == null) return;
        Optional<Actor> flagged = actors.byAccount(a.flaggedAccount().id());
        Optional<String> object = objectUrl(a, flagged);
        if (flagged.isEmpty() || object.isEmpty()) {
            log.info("abuse {}: its object or its origin is gone, no Flag sent", a.id());
            return;
        }
        Actor instance = local.instance();
        ObjectNode flag = mapper.createObjectNode();
        flag.set("@context", Contexts.base(mapper));
        flag.put("id", local.base() + "/admin/abuses/" + a.id());
        flag.put("type", "Flag");
        flag.put("actor", instance.url());
        flag.put("content", a.reason());
        flag.put("mediaType", "text/markdown");
        flag.putArray("object").add(object.get());
        var tags = flag.putArray("tag");
        for (String r : a.predefinedReasons()) tags.addObject().put("type", "Hashtag").put("name", r);
        if (a.startAt() != null) flag.put("startAt", a.startAt());
        if (a.endAt() != null) flag.put("endAt", a.endAt());
        flag.putArray("to").add(flagged.get().url());
        transactions.useTransaction(h -> outbox.send(h, instance, flag, List.of(flagged.get().deliveryInbox())));
    }

    private Optional<String> objectUrl(Abuse a, Optional<Actor> flagged) {
        return switch (a.kind()) {
            case "video" -> a.videoId() == null ? Optional.empty() : remoteVideos.urlOf(a.videoId());
            case "comment" -> a.commentId() == null ? Optional.empty() : comments.byId(a.commentId()).map(Comment::url);
            default -> flagged.map(Actor::url);
        };
    }
}

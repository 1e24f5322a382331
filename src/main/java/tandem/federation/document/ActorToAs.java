package tandem.federation.document;

import com.fasterxml.jackson.databind.node.ArrayNode;
import tandem.account.ActorImage;
import tandem.account.ActorImageKind;
import tandem.account.ActorImageStore;
import tandem.account.ImageOwner;
import tandem.media.ImageFormat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.account.Account;
import tandem.account.Channel;

import java.time.Instant;
import tandem.federation.actor.Actor;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.PledgeExchange;
import tandem.federation.vocab.Contexts;

/** Our actors as ActivityPub documents, in PeerTube's shape (interop notes §2.3). */
public final class ActorToAs {
    private final ObjectMapper mapper;
    private final LocalActors local;
    private final PledgeExchange pledges;
    private final ActorImageStore images;

    public ActorToAs(ObjectMapper mapper, LocalActors local, PledgeExchange pledges, ActorImageStore images) {
        this.mapper = mapper;
        this.local = local;
        this.pledges = pledges;
        this.images = images;
    }

    /** The instance actor, with our capacity pledge (Tandem's `pledge` extension) when we make one. */
    public ObjectNode instance(String instanceName, long createdAt) {
        ObjectNode o = common(local.instance(), instanceName, null, createdAt);
        ObjectNode pledge = pledges.published();
        if (pledge != null) {
            o.set("@context", Contexts.instanceActor(mapper));
            o.set("pledge", pledge);
        }
        return o;
    }

    public ObjectNode account(Account a) {
        ObjectNode o = common(local.account(a), a.displayName(), a.description(), a.createdAt());
        pictures(o, "icon", ImageOwner.account(a.id()), ActorImageKind.AVATAR);
        return o;
    }

    public ObjectNode channel(Channel c) {
        ObjectNode o = common(local.channel(c), c.displayName(), c.description(), c.createdAt());
        pictures(o, "icon", ImageOwner.channel(c.id()), ActorImageKind.AVATAR);
        pictures(o, "image", ImageOwner.channel(c.id()), ActorImageKind.BANNER);
        o.put("support", c.support());
        o.put("postingRestrictedToMods", true);
        o.putArray("attributedTo").addObject().put("type", "Person").put("id", local.accountUrl(c.account().name()));
        return o;
    }

    private ObjectNode common(Actor actor, String displayName, String summary, long createdAt) {
        ObjectNode o = mapper.createObjectNode();
        o.set("@context", Contexts.actor(mapper));
        o.put("type", actor.type());
        o.put("id", actor.url());
        o.put("following", actor.url() + "/following");
        o.put("followers", actor.followers());
        o.put("playlists", actor.url() + "/playlists");
        o.put("inbox", actor.inbox());
        o.put("outbox", actor.outbox());
        o.put("preferredUsername", actor.username());
        o.put("url", actor.url());
        o.put("name", displayName);
        o.putObject("endpoints").put("sharedInbox", actor.sharedInbox());
        o.putObject("publicKey").put("id", actor.url() + "#main-key").put("owner", actor.url()).put("publicKeyPem", actor.publicKeyPem());
        o.put("published", Instant.ofEpochMilli(createdAt).toString());
        if (summary != null) o.put("summary", summary);
        return o;
    }

    /**
     * PeerTube's `icon` (avatars) and `image` (banners): every size as an AS Image with its absolute URL; left
     * out when there is none, as PeerTube does, which tells a receiver of an Update that the picture was removed.
     */
    private void pictures(ObjectNode o, String property, ImageOwner owner, ActorImageKind kind) {
        List<ActorImage> list = images.of(owner, kind);
        if (list.isEmpty()) return;
        ArrayNode array = o.putArray(property);
        for (ActorImage i : list) {
            String ext = i.fileName().substring(i.fileName().lastIndexOf('.') + 1);
            array.addObject().put("type", "Image").put("mediaType", ImageFormat.byExtension(ext).map(f -> f.mediaType).orElse("image/jpeg"))
                    .put("height", i.height()).put("width", i.width()).put("url", local.base() + i.path());
        }
    }
}

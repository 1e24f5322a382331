package tandem.federation.document;

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

    public ActorToAs(ObjectMapper mapper, LocalActors local, PledgeExchange pledges) {
        this.mapper = mapper;
        this.local = local;
        this.pledges = pledges;
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
        return common(local.account(a), a.displayName(), a.description(), a.createdAt());
    }

    public ObjectNode channel(Channel c) {
        ObjectNode o = common(local.channel(c), c.displayName(), c.description(), c.createdAt());
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
        o.putArray("icon");
        return o;
    }
}

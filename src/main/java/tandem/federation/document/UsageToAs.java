package tandem.federation.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.federation.actor.LocalActors;
import tandem.federation.vocab.Contexts;
import tandem.federation.vocab.Usage;

import java.time.Instant;
import java.util.List;

/**
 * Our usage activities, sent by the instance actor (docs/activitypub-extensions.md): a mirror's
 * `UsageReport` to an origin, one per (origin, hour), and the origin's `UsageStatement` answering it.
 * Their ids are stable per (peer, hour), so a report re-sent is recognisably the same one.
 */
public final class UsageToAs {
    private final ObjectMapper mapper;
    private final LocalActors local;

    public UsageToAs(ObjectMapper mapper, LocalActors local) {
        this.mapper = mapper;
        this.local = local;
    }

    /** The id of our report to `originHost` for `hour`. */
    public String reportId(String originHost, Instant hour) {
        return local.base() + "/usage-reports/" + originHost + "/" + hour;
    }

    public ObjectNode report(String originHost, String originActor, Instant hour, List<Usage.Claim> claims) {
        ObjectNode a = activity("UsageReport", reportId(originHost, hour), originActor, hour);
        ArrayNode usage = a.putArray("usage");
        for (Usage.Claim c : claims) usage.addObject().put("video", c.video()).put("bytes", c.bytes()).put("heldBytes", c.heldBytes());
        return a;
    }

    public ObjectNode statement(String mirrorHost, String mirrorActor, String reportId, Instant hour, List<Usage.Answer> answers) {
        ObjectNode a = activity("UsageStatement", local.base() + "/usage-statements/" + mirrorHost + "/" + hour, mirrorActor, hour);
        a.put("inReplyTo", reportId);
        ArrayNode usage = a.putArray("usage");
        for (Usage.Answer x : answers) {
            ObjectNode line = usage.addObject().put("video", x.video()).put("bytes", x.bytes()).put("heldBytes", x.heldBytes())
                    .put("originBytes", x.originBytes());
            if (x.flag() == null) line.putNull("flag");
            else line.put("flag", x.flag());
        }
        return a;
    }

    private ObjectNode activity(String type, String id, String to, Instant hour) {
        ObjectNode a = mapper.createObjectNode();
        a.set("@context", Contexts.usage(mapper));
        a.put("type", type).put("id", id).put("actor", local.instanceUrl());
        a.putArray("to").add(to);
        a.put("hour", hour.toString());
        return a;
    }
}

package tandem.federation.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import tandem.federation.actor.LocalActors;

/**
 * WebFinger, NodeInfo and host-meta (interop notes §2.1). NodeInfo carries both links: the schema,
 * and the `Application` actor, which PeerTube uses to find an instance's actor when an admin follows it.
 */
public final class Discovery {
    public static final String NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.0";

    private final ObjectMapper mapper;
    private final LocalActors local;
    private final Documents documents;

    public Discovery(ObjectMapper mapper, LocalActors local, Documents documents) {
        this.mapper = mapper;
        this.local = local;
        this.documents = documents;
    }

    /** The JRD for `acct:name@ourhost`; empty when no actor has that name (or the host is not ours). */
    public Optional<ObjectNode> webfinger(String resource) {
        if (resource == null || !resource.startsWith("acct:")) return Optional.empty();
        String acct = resource.substring(5);
        if (acct.startsWith("@")) acct = acct.substring(1);
        int at = acct.lastIndexOf('@');
        if (at <= 0 || !acct.substring(at + 1).equalsIgnoreCase(local.host())) return Optional.empty();
        return documents.anyActor(acct.substring(0, at)).map(n -> {
            ObjectNode o = mapper.createObjectNode();
            o.put("subject", resource);
            o.putArray("aliases").add(n.actor().url());
            var links = o.putArray("links");
            links.addObject().put("rel", "self").put("type", "application/activity+json").put("href", n.actor().url());
            links.addObject().put("rel", "http://ostatus.org/schema/1.0/subscribe").put("template", local.base() + "/remote-interaction?uri={uri}");
            return o;
        });
    }

    public ObjectNode nodeinfoLinks() {
        ObjectNode o = mapper.createObjectNode();
        var links = o.putArray("links");
        links.addObject().put("rel", NODEINFO_SCHEMA).put("href", local.base() + "/nodeinfo/2.0.json");
        links.addObject().put("rel", "https://www.w3.org/ns/activitystreams#Application").put("href", local.instanceUrl());
        return o;
    }

    public ObjectNode nodeinfo(String version, String name, long users, long localVideos, long localComments, boolean openRegistrations) {
        ObjectNode o = mapper.createObjectNode();
        o.put("version", "2.0");
        o.putObject("software").put("name", "peertube").put("version", version);
        o.putArray("protocols").add("activitypub");
        ObjectNode services = o.putObject("services");
        services.putArray("inbound");
        services.putArray("outbound").add("atom1.0").add("rss2.0");
        o.put("openRegistrations", openRegistrations);
        ObjectNode usage = o.putObject("usage");
        usage.putObject("users").put("total", users).put("activeMonth", users).put("activeHalfyear", users);
        usage.put("localPosts", localVideos).put("localComments", localComments);
        ObjectNode metadata = o.putObject("metadata");
        metadata.putObject("taxonomy").put("postsName", "Videos");
        metadata.put("nodeName", name).put("nodeDescription", "A Tandem video instance");
        metadata.putObject("nodeConfig").putObject("transcoding").put("hls", true).put("webVideos", false);
        return o;
    }

    public String hostMeta() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
                  <Link rel="lrdd" type="application/xrd+xml" template="%s/.well-known/webfinger?resource={uri}"/>
                </XRD>
                """.formatted(local.base());
    }
}

package tandem.federation.vocab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON-LD `@context` values PeerTube puts on what it sends (interop notes §2.4). */
public final class Contexts {
    public static final String AS = "https://www.w3.org/ns/activitystreams";
    public static final String PUBLIC = AS + "#Public";
    public static final String SECURITY = "https://w3id.org/security/v1";

    private Contexts() {}

    /** The base context: Follow, Accept, Reject, Announce, Delete, Like/Dislike, Undo. */
    public static ArrayNode base(ObjectMapper m) {
        ArrayNode a = m.createArrayNode().add(AS).add(SECURITY);
        a.addObject().put("RsaSignature2017", "https://w3id.org/security#RsaSignature2017");
        return a;
    }

    /**
     * Base plus PeerTube's video terms, for Video objects and the activities carrying them. Every term
     * a Video of ours uses must be here: PeerTube checks relayed activities' signatures in JSON-LD's
     * safe mode, where an undefined term is an error (LdSignaturesTest runs that check).
     */
    public static ArrayNode video(ObjectMapper m) {
        ArrayNode a = base(m);
        ObjectNode t = a.addObject();
        t.put("pt", "https://joinpeertube.org/ns#").put("sc", "http://schema.org/");
        t.put("Hashtag", "as:Hashtag").put("category", "sc:category").put("licence", "sc:license")
                .put("subtitleLanguage", "sc:subtitleLanguage").put("sensitive", "as:sensitive")
                .put("language", "sc:inLanguage").put("identifier", "sc:identifier")
                .put("isLiveBroadcast", "sc:isLiveBroadcast").put("originallyPublishedAt", "sc:datePublished")
                .put("uploadDate", "sc:uploadDate").put("hasParts", "sc:hasParts").put("PropertyValue", "sc:PropertyValue")
                .put("value", "sc:value").put("automaticallyGenerated", "pt:automaticallyGenerated")
                .put("Infohash", "pt:Infohash").put("canReply", "pt:canReply");
        typed(t, "views", "sc:Number").put("state", "pt:state");
        typed(t, "size", "sc:Number");
        typed(t, "fps", "sc:Number");
        typed(t, "commentsEnabled", "sc:Boolean");
        typed(t, "downloadEnabled", "sc:Boolean");
        typed(t, "waitTranscoding", "sc:Boolean");
        typed(t, "uuid", "sc:identifier");
        typed(t, "aspectRatio", "sc:Float");
        typed(t, "commentsPolicy", "sc:Number");
        typed(t, "support", "sc:Text");
        t.putObject("likes").put("@id", "as:likes").put("@type", "@id");
        t.putObject("dislikes").put("@id", "as:dislikes").put("@type", "@id");
        t.putObject("shares").put("@id", "as:shares").put("@type", "@id");
        t.putObject("comments").put("@id", "as:comments").put("@type", "@id");
        return a;
    }

    /** Base plus the actor terms (`playlists`, `support`, Lemmy's `postingRestrictedToMods`). */
    public static ArrayNode actor(ObjectMapper m) {
        ArrayNode a = base(m);
        ObjectNode t = a.addObject();
        t.put("pt", "https://joinpeertube.org/ns#").put("sc", "http://schema.org/").put("lemmy", "https://join-lemmy.org/ns#");
        t.putObject("playlists").put("@id", "pt:playlists").put("@type", "@id");
        t.put("support", "sc:Text").put("postingRestrictedToMods", "lemmy:postingRestrictedToMods");
        return a;
    }

    /** Tandem's own JSON-LD namespace (docs/activitypub-extensions.md); PeerTube and Mastodon ignore its terms. */
    public static final String TANDEM = "urn:tandem:ns#";

    /** The actor context plus Tandem's `pledge` extension and its fields, for our instance actor. */
    public static ArrayNode instanceActor(ObjectMapper m) {
        ArrayNode a = actor(m);
        ObjectNode t = a.addObject().put("tandem", TANDEM).put("pledge", "tandem:pledge");
        for (String term : new String[] {"storageGB", "egressGBPerMonth", "egressCapacityGBPerMonth", "currency", "perGBEgress", "perGBMonthStorage"}) {
            t.put(term, "tandem:" + term);
        }
        return a;
    }

    /** Base plus `replyApproval`, for comments (Note) and the Create carrying them. */
    public static ArrayNode comment(ObjectMapper m) {
        return withTerm(m, "replyApproval");
    }

    /** Base plus the `ApproveReply` type. */
    public static ArrayNode approveReply(ObjectMapper m) {
        return withTerm(m, "ApproveReply");
    }

    /** Base plus PeerTube's `CacheFile` type and its `expires` (schema.org), for mirrors' activities. */
    public static ArrayNode cacheFile(ObjectMapper m) {
        ArrayNode a = base(m);
        a.addObject().put("pt", "https://joinpeertube.org/ns#").put("sc", "http://schema.org/")
                .put("CacheFile", "pt:CacheFile").put("expires", "sc:expires");
        return a;
    }

    /**
     * Base plus Tandem's usage terms (docs/activitypub-extensions.md), for `UsageReport` and
     * `UsageStatement`: every term they use is defined, so their linked-data signature holds in
     * JSON-LD's safe mode; PeerTube and Mastodon ignore the unknown types.
     */
    public static ArrayNode usage(ObjectMapper m) {
        ArrayNode a = base(m);
        ObjectNode t = a.addObject();
        t.put("tandem", "urn:tandem:ns#").put("xsd", "http://www.w3.org/2001/XMLSchema#");
        t.put("UsageReport", "tandem:UsageReport").put("UsageStatement", "tandem:UsageStatement");
        t.putObject("hour").put("@id", "tandem:hour").put("@type", "xsd:dateTime");
        t.putObject("usage").put("@id", "tandem:usage").put("@container", "@list");
        t.putObject("video").put("@id", "tandem:video").put("@type", "@id");
        for (String n : new String[] {"bytes", "heldBytes", "originBytes"}) t.putObject(n).put("@id", "tandem:" + n).put("@type", "xsd:integer");
        t.put("flag", "tandem:flag");
        return a;
    }

    private static ArrayNode withTerm(ObjectMapper m, String term) {
        ArrayNode a = base(m);
        a.addObject().put("pt", "https://joinpeertube.org/ns#").put("sc", "http://schema.org/").put(term, "pt:" + term);
        return a;
    }

    private static ObjectNode typed(ObjectNode t, String term, String type) {
        t.putObject(term).put("@type", type).put("@id", "pt:" + term);
        return t;
    }
}

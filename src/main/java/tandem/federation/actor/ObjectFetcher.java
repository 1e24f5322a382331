package tandem.federation.actor;

import tandem.federation.vocab.Texts;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import tandem.federation.transport.FederationHttp;
import tandem.federation.vocab.FederationException;

/** Fetches ActivityPub objects from their origin with a GET signed by our instance actor. */
public final class ObjectFetcher {
    private final FederationHttp http;
    private final Signers signers;
    private final LocalActors local;
    private final Blocklist blocks;

    public ObjectFetcher(FederationHttp http, Signers signers, LocalActors local, Blocklist blocks) {
        this.http = http;
        this.signers = signers;
        this.local = local;
        this.blocks = blocks;
    }

    /** The object at `url`, whose `id` the client has checked to be on the host it came from. */
    public JsonNode fetch(String url) {
        String host = Texts.hostOf(url);
        if (local.host().equals(host)) throw new FederationException("refusing to fetch our own object " + url + " over the network");
        if (blocks.isServerBlocked(host)) throw new FederationException("instance " + host + " is blocked here");
        return http.fetchJson(URI.create(url), signers.of(local.instance())).body();
    }

    /** An embedded object, or the one a bare URL names. */
    public JsonNode resolve(JsonNode objectOrUrl) {
        return objectOrUrl.isTextual() ? fetch(objectOrUrl.asText()) : objectOrUrl;
    }
}

package tandem.federation.actor;

import tandem.federation.vocab.Texts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import tandem.federation.transport.AddressPolicy;
import tandem.federation.transport.FederationHttp;
import tandem.federation.vocab.ActorHandle;
import tandem.federation.vocab.FederationException;

/**
 * Finds remote actors by what admins and users type: a host (its instance actor, through the
 * NodeInfo `Application` link PeerTube publishes, else WebFinger `peertube@host`) or a handle
 * (`name@host`, through WebFinger). Plain http only for allow-listed hosts (side-by-side tests).
 */
public final class Finger {
    private static final long MAX = 256 * 1024;

    private final FederationHttp http;
    private final AddressPolicy policy;
    private final ObjectMapper mapper;

    public Finger(FederationHttp http, AddressPolicy policy, ObjectMapper mapper) {
        this.http = http;
        this.policy = policy;
        this.mapper = mapper;
    }


    /** The scheme we use to reach a host: https, or http for allow-listed hosts. */
    public String base(String host) {
        String bare = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return (policy.allowed(bare) || policy.allowed(host) ? "http://" : "https://") + host;
    }

    /** The URL of a host's instance actor. */
    public String instanceActor(String host) {
        String h = ActorHandle.normaliseHost(host);
        try {
            JsonNode nodeinfo = getJson(URI.create(base(h) + "/.well-known/nodeinfo"));
            for (JsonNode link : nodeinfo.path("links")) {
                if ("https://www.w3.org/ns/activitystreams#Application".equals(link.path("rel").asText()) && link.path("href").isTextual()) {
                    String href = link.path("href").asText();
                    if (Texts.hostOf(href).equals(h)) return href;
                }
            }
        } catch (RuntimeException e) {
            // fall back to WebFinger below
        }
        return handle("peertube@" + h);
    }

    /** The actor URL of `name@host` (a leading @ is allowed). */
    public String handle(String handle) {
        ActorHandle parsed = ActorHandle.parse(handle);
        String host = parsed.host();
        JsonNode jrd = getJson(URI.create(base(host) + "/.well-known/webfinger?resource="
                + URLEncoder.encode("acct:" + parsed, StandardCharsets.UTF_8)));
        for (JsonNode link : jrd.path("links")) {
            if ("self".equals(link.path("rel").asText()) && link.path("href").isTextual()
                    && link.path("type").asText("application/activity+json").contains("activity+json")) {
                String href = link.path("href").asText();
                if (!Texts.hostOf(href).equals(host)) throw new FederationException("WebFinger of " + handle + " points to another host: " + href);
                return href;
            }
        }
        throw new FederationException("WebFinger of " + handle + " names no ActivityPub actor");
    }

    private JsonNode getJson(URI uri) {
        byte[] body = http.fetchBytes(uri, MAX);
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new FederationException(uri + " did not answer JSON");
        }
    }
}

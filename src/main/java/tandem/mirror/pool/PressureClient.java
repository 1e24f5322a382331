package tandem.mirror.pool;

import com.fasterxml.jackson.databind.JsonNode;
import tandem.federation.actor.LocalActors;
import tandem.federation.actor.Signers;
import tandem.federation.transport.FederationHttp;
import tandem.federation.vocab.Texts;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks an origin for its pressure: a GET of `/api/v1/server/pressure` on the host of its instance
 * actor, HTTP-signed by our instance actor (the origin answers only instances that pledge). The
 * answer is read defensively: negative or missing figures count as 0, and it must be the origin's own.
 */
public final class PressureClient {
    public static final String PATH = "/api/v1/server/pressure";
    /** An origin listing more videos than this is cut: the planner needs the loaded ones, listed first. */
    private static final int MAX_VIDEOS = 10_000;
    /** More mirrors of one video than this says nothing more to the planner. */
    private static final int MAX_MIRRORS = 100;

    private final FederationHttp http;
    private final Signers signers;
    private final LocalActors local;

    public PressureClient(FederationHttp http, Signers signers, LocalActors local) {
        this.http = http;
        this.signers = signers;
        this.local = local;
    }

    /** @throws RuntimeException when the origin does not answer, refuses, or answers for another host */
    public Pressure.Report fetch(String instanceActorUrl) {
        URI actor = URI.create(instanceActorUrl);
        String host = Texts.hostOf(instanceActorUrl);
        JsonNode body = http.fetchJson(actor.resolve(PATH), signers.of(local.instance())).body();
        if (!host.equals(body.path("host").asText())) throw new IllegalStateException("pressure of " + host + " names host " + body.path("host").asText());
        List<Pressure.Video> videos = new ArrayList<>();
        for (JsonNode v : body.path("videos")) {
            if (videos.size() == MAX_VIDEOS) break;
            String uuid = v.path("uuid").asText("");
            if (uuid.isEmpty()) continue;
            List<String> mirrorHosts = new ArrayList<>();
            for (JsonNode m : v.path("mirrorHosts")) if (m.isTextual() && mirrorHosts.size() < MAX_MIRRORS) mirrorHosts.add(m.asText());
            videos.add(new Pressure.Video(uuid, v.path("url").asText(null), v.path("name").asText(uuid), positive(v, "originBytesPerHour"),
                    positive(v, "demandBytesPerHour"), positive(v, "sizeBytes"), mirrorHosts));
        }
        return new Pressure.Report(host, positive(body, "capacityBytesPerHour"), positive(body, "egressBytesPerHour"),
                body.path("hours").asInt(Pressure.HOURS), videos);
    }

    private static long positive(JsonNode n, String field) {
        return Math.max(0, n.path(field).asLong(0));
    }
}

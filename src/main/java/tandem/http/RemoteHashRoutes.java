package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;
import tandem.federation.actor.RemoteVideoStore;
import tandem.video.Video;
import tandem.video.VideoService;

import java.nio.charset.StandardCharsets;

/**
 * Our copy of a remote video's segments-sha256.json at `/static/remote-hashes/<uuid>/segments-sha256.json`:
 * what our players verify a mirror's segments with while the origin is down (a mirror's own copy
 * would let it vouch for its own bytes). Public like the origin's.
 */
public final class RemoteHashRoutes implements HttpService {
    static final String PREFIX = "/static/remote-hashes/";
    static final String FILE = "segments-sha256.json";

    private final VideoService videos;
    private final RemoteVideoStore remoteVideos;

    public RemoteHashRoutes(VideoService videos, RemoteVideoStore remoteVideos) {
        this.videos = videos;
        this.remoteVideos = remoteVideos;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(PREFIX + "{uuid}/" + FILE, this::send);
    }

    private void send(ServerRequest req, ServerResponse res) {
        String json;
        try {
            json = videos.find(Params.pathParam(req, "uuid")).filter(v -> !v.isLocal()).map(Video::id)
                    .flatMap(remoteVideos::segmentsSha256).orElseThrow(() -> Problem.notFound("File not found"));
        } catch (Problem e) {
            throw Problem.notFound("File not found");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=60");
        res.send(json.getBytes(StandardCharsets.UTF_8));
    }
}

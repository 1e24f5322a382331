package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;
import tandem.video.Chapter;
import tandem.video.Video;
import tandem.video.VideoChapters;
import tandem.video.VideoStills;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the edit page needs beyond `PUT /videos/{id}`: PeerTube's chapters (`GET/PUT /videos/{id}/chapters`)
 * and our own `POST /videos/{id}/thumbnail/from-frame {timecode}`, which answers once the new stills are
 * stored (one bounded ffmpeg run) with the new `thumbnailPath` and `previewPath`.
 */
public final class VideoManageRoutes implements HttpService {
    private final VideoChapters chapters;
    private final VideoStills stills;
    private final Urls urls;
    private final JsonIo json;
    private final Auth auth;

    public VideoManageRoutes(VideoChapters chapters, VideoStills stills, Urls urls, JsonIo json, Auth auth) {
        this.chapters = chapters;
        this.stills = stills;
        this.urls = urls;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/videos/{id}/chapters", this::list)
             .put("/videos/{id}/chapters", this::replace)
             .post("/videos/{id}/thumbnail/from-frame", this::fromFrame);
    }

    private void list(ServerRequest req, ServerResponse res) {
        json.ok(res, body(chapters.list(auth.optional(req), Params.pathParam(req, "id"))));
    }

    private void replace(ServerRequest req, ServerResponse res) {
        var user = auth.require(req);
        Map<String, Object> in = json.readObject(req);
        chapters.replace(user, Params.pathParam(req, "id"), in.get("chapters"));
        res.status(204).send();
    }

    private void fromFrame(ServerRequest req, ServerResponse res) {
        var user = auth.require(req);
        Object t = json.readObject(req).get("timecode");
        if (!(t instanceof Number n)) throw Problem.invalidParam("timecode", "Should have a timecode in seconds");
        Video v = stills.fromFrame(user, Params.pathParam(req, "id"), n.doubleValue());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("thumbnailPath", urls.thumbnailPath(v));
        out.put("previewPath", urls.previewPath(v));
        json.ok(res, out);
    }

    private static Map<String, Object> body(List<Chapter> list) {
        return Map.of("chapters", list.stream().map(c -> Map.of("timecode", c.timecode(), "title", c.title())).toList());
    }
}

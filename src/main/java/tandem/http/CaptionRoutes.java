package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.User;
import tandem.core.Problem;
import tandem.video.CaptionService;
import tandem.video.VideoConstants;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** `/videos/{id}/captions…`: list, upload (multipart `captionfile`, .vtt or .srt), delete. */
public final class CaptionRoutes implements HttpService {
    private final CaptionService captions;
    private final JsonIo json;
    private final Auth auth;
    private final Path tmpDir;

    public CaptionRoutes(CaptionService captions, JsonIo json, Auth auth, Path tmpDir) {
        this.captions = captions;
        this.json = json;
        this.auth = auth;
        this.tmpDir = tmpDir;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/videos/{id}/captions", this::list)
             .put("/videos/{id}/captions/{lang}", this::put)
             .delete("/videos/{id}/captions/{lang}", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        var list = captions.list(auth.optional(req), Params.pathParam(req, "id")).stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("language", Map.of("id", c.language(), "label", VideoConstants.LANGUAGES.getOrDefault(c.language(), c.language())));
            m.put("captionPath", "/lazy-static/video-captions/" + c.fileName());
            m.put("automaticallyGenerated", false);
            m.put("updatedAt", Instant.ofEpochMilli(c.updatedAt()));
            return m;
        }).toList();
        json.ok(res, Map.of("total", list.size(), "data", list));
    }

    private void put(ServerRequest req, ServerResponse res) throws IOException {
        User u = auth.require(req);
        try (MultipartForm form = MultipartForm.read(req, tmpDir, CaptionService.MAX_BYTES)) {
            MultipartForm.UploadedFile file = form.file("captionfile");
            if (file == null) throw Problem.invalidParam("captionfile", "Should have a caption file");
            captions.put(u, Params.pathParam(req, "id"), Params.pathParam(req, "lang"), file.path());
        }
        res.status(204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) throws IOException {
        captions.delete(auth.require(req), Params.pathParam(req, "id"), Params.pathParam(req, "lang"));
        res.status(204).send();
    }
}

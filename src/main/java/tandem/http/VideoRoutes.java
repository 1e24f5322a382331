package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.Fields;
import tandem.video.Video;
import tandem.video.VideoConstants;
import tandem.video.VideoFile;
import tandem.video.VideoMetadata;
import tandem.video.VideoQuery;
import tandem.video.VideoFileTokens;
import tandem.video.VideoSearch;
import tandem.video.VideoService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `/api/v1/videos…`: lists, details, metadata updates, deletion, constants; and `/api/v1/search/videos` ({@link VideoSearch}). */
public final class VideoRoutes implements HttpService {
    private final VideoService videos;
    private final VideoSearch search;
    private final VideoToDto dto;
    private final JsonIo json;
    private final Auth auth;
    private final Path tmpDir;
    private final VideoFileTokens fileTokens;

    public VideoRoutes(VideoService videos, VideoSearch search, VideoFileTokens fileTokens, VideoToDto dto, JsonIo json, Auth auth, Path tmpDir) {
        this.videos = videos;
        this.search = search;
        this.fileTokens = fileTokens;
        this.dto = dto;
        this.json = json;
        this.auth = auth;
        this.tmpDir = tmpDir;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/videos/categories", (req, res) -> json.ok(res, stringKeys(VideoConstants.CATEGORIES)))
             .get("/videos/licences", (req, res) -> json.ok(res, stringKeys(VideoConstants.LICENCES)))
             .get("/videos/languages", (req, res) -> json.ok(res, VideoConstants.LANGUAGES))
             .get("/videos/privacies", (req, res) -> json.ok(res, stringKeys(VideoConstants.PRIVACIES)))
             .get("/videos", this::list)
             .get("/search/videos", (req, res) -> writeList(res, search.search(query(req, null, null, null, "-match"), () -> auth.optional(req))))
             .get("/videos/{id}/description", this::description)
             .get("/videos/{id}", this::get)
             .put("/videos/{id}", this::update)
             .delete("/videos/{id}", this::delete)
             .post("/videos/{id}/token", this::fileToken)
             .get("/users/me/videos", this::myVideos);
    }

    /** PeerTube's file token: the player appends it to the media URLs of a private video. */
    private void fileToken(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        json.ok(res, Map.of("files", fileTokens.issue(u, videos.visible(Optional.of(u), Params.pathParam(req, "id")))));
    }

    private static Map<String, String> stringKeys(Map<Integer, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static VideoQuery query(ServerRequest req, Long channelId, Long accountId, Long ownerAccountId) {
        return query(req, channelId, accountId, ownerAccountId, ownerAccountId != null ? "-createdAt" : "-publishedAt");
    }

    static VideoQuery query(ServerRequest req, Long channelId, Long accountId, Long ownerAccountId, String defaultSort) {
        String search = Params.get(req, "search");
        PageRequest page = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"),
                defaultSort, VideoQuery.SORTABLE);
        return new VideoQuery(page, Params.bool(req, "isLocal"), Params.bool(req, "nsfw"), Params.ints(req, "categoryOneOf"),
                Params.list(req, "tagsOneOf"), search, channelId, accountId, ownerAccountId);
    }

    void writeList(ServerResponse res, Page<Video> page) {
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(dto::summary).toList()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        writeList(res, videos.list(query(req, null, null, null)));
    }

    private void myVideos(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        writeList(res, videos.list(query(req, null, null, u.accountId())));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Optional<User> viewer = auth.optional(req);
        Video v = videos.visible(viewer, Params.pathParam(req, "id"));
        List<VideoFile> files = videos.files(v);
        json.ok(res, dto.details(v, files, videos.remotePlayback(v)));
    }

    private void description(ServerRequest req, ServerResponse res) {
        Video v = videos.visible(auth.optional(req), Params.pathParam(req, "id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", v.description());
        json.ok(res, body);
    }

    /** PeerTube updates with a multipart form; JSON is accepted too. */
    private void update(ServerRequest req, ServerResponse res) throws IOException {
        User u = auth.require(req);
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        Fields fields;
        if (type.startsWith("multipart/form-data")) {
            try (MultipartForm form = MultipartForm.read(req, tmpDir, 8L * 1024 * 1024)) {
                fields = form.fields();
            }
        } else {
            fields = Fields.fromJson(json.readObject(req));
        }
        videos.update(u, Params.pathParam(req, "id"), VideoMetadata.parse(fields, false));
        res.status(204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        videos.delete(u, Params.pathParam(req, "id"));
        res.status(204).send();
    }

    static Map<String, Object> videoRef(Video v) {
        return Map.of("video", Map.of("id", v.id(), "uuid", v.uuid(),
                "shortUUID", tandem.core.ShortUuid.encode(v.uuid())));
    }

    static Problem unsupported() {
        return new Problem(415, null, "This file is not supported. Please, make sure it is a video or an audio file.");
    }
}

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
import tandem.video.moderation.VideoBlock;
import tandem.video.moderation.VideoBlocks;
import tandem.video.VideoFileTokens;
import tandem.video.VideoSearch;
import tandem.video.VideoService;
import tandem.video.WatchHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import tandem.mirror.MirrorDirectory;
import tandem.mirror.OriginStatus;
import tandem.mirror.Origins;
import tandem.video.RemotePlayback;
import tandem.video.ScheduledUpdate;
import tandem.video.VideoSchedules;
import tandem.video.VideoStills;


import java.util.List;
import java.util.Map;
import java.util.Optional;

/** `/api/v1/videos…`: lists, details, metadata updates, deletion, constants; and `/api/v1/search/videos` ({@link VideoSearch}). */
public final class VideoRoutes implements HttpService {
    private final VideoService videos;
    private final VideoSearch search;
    private final VideoToDto dto;
    private final MirrorDirectory mirrors;
    private final Origins origins;
    private final JsonIo json;
    private final Auth auth;
    private final Path tmpDir;
    private final VideoFileTokens fileTokens;
    private final VideoStills stills;
    private final VideoSchedules schedules;
    private final VideoBlocks blocks;
    private final WatchHistory history;

    public VideoRoutes(VideoService videos, VideoSearch search, VideoFileTokens fileTokens, VideoToDto dto, MirrorDirectory mirrors, Origins origins, JsonIo json, Auth auth,
                       Path tmpDir, VideoStills stills, VideoSchedules schedules, VideoBlocks blocks, WatchHistory history) {
        this.stills = stills;
        this.schedules = schedules;
        this.blocks = blocks;
        this.history = history;
        this.mirrors = mirrors;
        this.origins = origins;
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
             .get("/search/videos", this::searchVideos)
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
                Params.list(req, "tagsOneOf"), search, channelId, accountId, ownerAccountId).filteredBy(VideoFilterParams.parse(req));
    }

    private void searchVideos(ServerRequest req, ServerResponse res) {
        VideoFilterParams.checkSearchTarget(req);
        writeList(res, search.search(seenBy(req, query(req, null, null, null, "-match")), () -> auth.optional(req)));
    }

    void writeList(ServerResponse res, Page<Video> page) {
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(dto::summary).toList()));
    }

    private void list(ServerRequest req, ServerResponse res) {
        writeList(res, videos.list(seenBy(req, query(req, null, null, null))));
    }

    /** The list as the signed-in viewer sees it: without the accounts and servers they muted. */
    VideoQuery seenBy(ServerRequest req, VideoQuery q) {
        return auth.optional(req).map(u -> q.seenBy(u.accountId())).orElse(q);
    }

    private void myVideos(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        writeList(res, videos.list(query(req, null, null, u.accountId())));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Optional<User> viewer = auth.optional(req);
        Video v = videos.visible(viewer, Params.pathParam(req, "id"));
        Optional<VideoBlock> block = blocks.of(v.id());
        // A blocked video: its owner and moderators still open it; everyone else is told it is blocked.
        if (block.isPresent() && !videos.canManage(viewer, v)) throw Problem.forbidden("This video is blocked by the moderators of this instance");
        List<VideoFile> files = videos.files(v);
        Optional<RemotePlayback> remote = videos.remotePlayback(v);
        List<String> bases = mirrors.baseUrls(v.id(), v.uuid());
        OriginStatus origin = remote.filter(r -> r.playlistUrl() != null).map(r -> origins.status(v, r, bases)).orElse(null);
        Map<String, Object> details = dto.details(v, files, remote, bases, origin);
        schedules.find(v.id()).ifPresent(s -> details.put("scheduledUpdate", scheduled(s)));
        details.put("blacklisted", block.isPresent());
        details.put("blacklistedReason", block.map(VideoBlock::reason).orElse(null));
        // PeerTube's resume point for the signed-in viewer; the player starts there.
        viewer.flatMap(u -> history.position(u, v.id())).ifPresent(t -> details.put("userHistory", Map.of("currentTime", t)));
        json.ok(res, details);
    }

    private void description(ServerRequest req, ServerResponse res) {
        Video v = videos.visible(auth.optional(req), Params.pathParam(req, "id"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", v.description());
        json.ok(res, body);
    }

    /**
     * PeerTube updates with a multipart form, where `thumbnailfile` and `previewfile` replace the stills;
     * JSON is accepted too. Everything is checked before anything changes.
     */
    private void update(ServerRequest req, ServerResponse res) throws IOException {
        User u = auth.require(req);
        String id = Params.pathParam(req, "id");
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (type.startsWith("multipart/form-data")) {
            try (MultipartForm form = MultipartForm.read(req, tmpDir, VideoStills.MAX_IMAGE_BYTES)) {
                Path thumbnail = image(form, "thumbnailfile");
                Path preview = image(form, "previewfile");
                VideoMetadata m = VideoMetadata.parse(form.fields(), false);
                var schedule = videos.schedule(form.fields());
                // Stills first: an image ffmpeg cannot read is refused before any field changes.
                if (thumbnail != null || preview != null) stills.fromImages(u, id, thumbnail, preview);
                videos.update(u, id, m, schedule);
            }
        } else {
            Fields fields = Fields.fromJson(json.readObject(req));
            VideoMetadata m = VideoMetadata.parse(fields, false);
            videos.update(u, id, m, videos.schedule(fields));
        }
        res.status(204).send();
    }

    /** An uploaded still, checked; null when the form has none. */
    private static Path image(MultipartForm form, String field) {
        MultipartForm.UploadedFile f = form.file(field);
        if (f == null) return null;
        VideoStills.checkImage(field, f.path(), f.size());
        return f.path();
    }

    static Map<String, Object> scheduled(ScheduledUpdate s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("updateAt", java.time.Instant.ofEpochMilli(s.updateAt()).toString());
        m.put("privacy", s.privacy().id);
        return m;
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

package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.User;
import tandem.core.Problem;
import tandem.video.ChunkResult;
import tandem.video.ResumableUploads;
import tandem.video.UploadFormats;
import tandem.video.Video;
import tandem.video.VideoMetadata;
import tandem.video.VideoService;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/** Both upload protocols: legacy multipart and PeerTube's resumable one. */
public final class UploadRoutes implements HttpService {
    private static final String RESUMABLE = "/videos/upload-resumable";
    private final VideoService videos;
    private final ResumableUploads resumable;
    private final JsonIo json;
    private final Auth auth;
    private final Path tmpDir;
    private final long maxUploadBytes;
    private final String resumableUrl;

    public UploadRoutes(VideoService videos, ResumableUploads resumable, JsonIo json, Auth auth, Path tmpDir, long maxUploadBytes, String apiBaseUrl) {
        this.videos = videos;
        this.resumable = resumable;
        this.json = json;
        this.auth = auth;
        this.tmpDir = tmpDir;
        this.maxUploadBytes = maxUploadBytes;
        this.resumableUrl = apiBaseUrl + RESUMABLE;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/videos/upload", this::legacy)
             .post(RESUMABLE, this::init)
             .put(RESUMABLE, this::chunk)
             .delete(RESUMABLE, this::cancel);
    }

    /** Refuses oversize or over-quota requests from Content-Length before reading the body. */
    private void legacy(ServerRequest req, ServerResponse res) throws IOException {
        User user = auth.require(req);
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > maxUploadBytes + 64 * 1024) {
            throw new Problem(413, "max_file_size_reached", "The video is too big: the maximum is " + maxUploadBytes + " bytes.");
        }
        // The form's text fields take a few KB; do not count them against the quota.
        if (declared > 0) videos.checkQuota(user, Math.max(0, declared - 16 * 1024));
        try (MultipartForm form = MultipartForm.read(req, tmpDir, maxUploadBytes)) {
            MultipartForm.UploadedFile file = form.file("videofile");
            if (file == null) throw Problem.invalidParam("videofile", "Should have a file");
            if (!UploadFormats.accepted(file.fileName())) throw VideoRoutes.unsupported();
            VideoMetadata m = VideoMetadata.parse(form.fields(), true);
            var schedule = videos.schedule(form.fields());
            Video v = videos.createFromUpload(user, m, file.path(), file.fileName(), schedule);
            json.ok(res, VideoRoutes.videoRef(v));
        }
    }

    private void init(ServerRequest req, ServerResponse res) {
        User user = auth.require(req);
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (type.startsWith("multipart/")) {
            throw new Problem(415, null, "Send resumable upload metadata as JSON; attach thumbnails with a later update");
        }
        long size = headerLong(req, "X-Upload-Content-Length");
        String mime = req.headers().first(HeaderNames.create("X-Upload-Content-Type")).orElse(null);
        if (mime == null) throw Problem.invalidParam("X-Upload-Content-Type", "Should have a valid X-Upload-Content-Type header");
        Map<String, Object> body = json.readObject(req);
        ResumableUploads.Init init = resumable.init(user, body, size, mime);
        res.header(HeaderNames.LOCATION, resumableUrl + "?upload_id=" + init.session().id());
        if (init.resumed()) {
            res.header("Range", "bytes=0-" + (init.session().received() - 1));
            res.status(200).send();
        } else {
            res.status(201).send();
        }
    }

    private void chunk(ServerRequest req, ServerResponse res) throws IOException {
        User user = auth.require(req);
        String id = Params.get(req, "upload_id");
        String range = req.headers().first(HeaderNames.CONTENT_RANGE).orElse(null);
        long length = req.headers().contentLength().orElse(-1);
        ChunkResult r;
        try (InputStream in = req.content().hasEntity() ? req.content().inputStream() : InputStream.nullInputStream()) {
            r = resumable.chunk(user, id, range, length, in);
        }
        if (r.complete()) {
            json.ok(res, VideoRoutes.videoRef(r.video()));
            return;
        }
        if (r.received() > 0) res.header("Range", "bytes=0-" + (r.received() - 1));
        res.status(308).send();
    }

    private void cancel(ServerRequest req, ServerResponse res) throws IOException {
        User user = auth.require(req);
        resumable.cancel(user, Params.get(req, "upload_id"));
        res.status(204).send();
    }

    private static long headerLong(ServerRequest req, String name) {
        String v = req.headers().first(HeaderNames.create(name)).orElse(null);
        try {
            long n = v == null ? -1 : Long.parseLong(v.trim());
            if (n <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw Problem.invalidParam(name, "Should have a valid " + name + " header");
        }
    }
}

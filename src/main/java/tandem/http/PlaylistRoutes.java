package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.AccountService;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.Fields;
import tandem.video.Playlist;
import tandem.video.PlaylistElement;
import tandem.video.PlaylistService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** `/video-playlists…` and the account/channel playlist lists, in PeerTube's shapes. */
public final class PlaylistRoutes implements HttpService {
    private final PlaylistService playlists;
    private final AccountService accounts;
    private final PlaylistToDto dto;
    private final JsonIo json;
    private final Auth auth;
    private final Path tmpDir;

    public PlaylistRoutes(PlaylistService playlists, AccountService accounts, PlaylistToDto dto, JsonIo json, Auth auth, Path tmpDir) {
        this.playlists = playlists;
        this.accounts = accounts;
        this.dto = dto;
        this.json = json;
        this.auth = auth;
        this.tmpDir = tmpDir;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/video-playlists/privacies", (req, res) -> json.ok(res, dto.privacies()))
             .get("/video-playlists", (req, res) -> writeList(req, res, null, null, false))
             .post("/video-playlists", this::create)
             .get("/video-playlists/{id}", (req, res) -> json.ok(res, dto.playlist(playlists.visible(auth.optional(req), Params.pathParam(req, "id")))))
             .put("/video-playlists/{id}", this::update)
             .delete("/video-playlists/{id}", this::delete)
             .get("/video-playlists/{id}/videos", this::elements)
             .post("/video-playlists/{id}/videos", this::add)
             .post("/video-playlists/{id}/videos/reorder", this::reorder)
             .delete("/video-playlists/{id}/videos/{elementId}", this::remove)
             .get("/accounts/{name}/video-playlists", this::ofAccount)
             .get("/users/me/video-playlists/videos-exist", this::videosExist)
             .get("/users/me/video-playlists", (req, res) -> {
                 User u = auth.require(req);
                 playlists.watchLater(u);
                 writeList(req, res, u.accountId(), null, true);
             });
    }

    private void writeList(ServerRequest req, ServerResponse res, Long account, Long channel, boolean includePrivate) {
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), Params.get(req, "sort"), "-createdAt",
                Set.of("createdAt", "updatedAt", "displayName"));
        Page<Playlist> page = playlists.list(account, channel, includePrivate, p.start(), p.count());
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(dto::playlist).toList()));
    }

    /** `{ "<videoId>": [{ playlistElementId, playlistId, startTimestamp, stopTimestamp }] }` for each video asked about. */
    private void videosExist(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        List<Long> ids = new java.util.ArrayList<>();
        for (String s : Params.list(req, "videoIds")) {
            if (!s.matches("^\\d{1,18}$")) throw Problem.invalidParam("videoIds", "Should have a valid video ids array");
            ids.add(Long.parseLong(s));
        }
        if (ids.isEmpty()) throw Problem.invalidParam("videoIds", "Should have a valid video ids array");
        Map<String, List<Map<String, Object>>> out = new java.util.LinkedHashMap<>();
        for (long id : ids) out.put(String.valueOf(id), new java.util.ArrayList<>());
        for (var held : playlists.holding(u, ids)) {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("playlistElementId", held.elementId());
            m.put("playlistId", held.playlistId());
            m.put("startTimestamp", held.startTimestamp());
            m.put("stopTimestamp", held.stopTimestamp());
            out.get(String.valueOf(held.videoId())).add(m);
        }
        json.ok(res, out);
    }

    private void ofAccount(ServerRequest req, ServerResponse res) {
        String name = Params.pathParam(req, "name");
        var account = accounts.localAccount(name).orElseThrow(() -> Problem.notFound("Account " + name + " not found"));
        Optional<User> viewer = auth.optional(req);
        writeList(req, res, account.id(), null, viewer.isPresent() && viewer.get().accountId() == account.id());
    }

    private PlaylistService.Fields fields(ServerRequest req) throws IOException {
        Fields f;
        if (req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").startsWith("multipart/form-data")) {
            try (MultipartForm form = MultipartForm.read(req, tmpDir, 8L * 1024 * 1024)) {
                f = form.fields();
            }
        } else {
            f = Fields.fromJson(json.readObject(req));
        }
        return new PlaylistService.Fields(f.get("displayName"), f.get("description"), Params.intValue(f.get("privacy"), "privacy"),
                Params.longValue(f.get("videoChannelId"), "videoChannelId"));
    }

    private void create(ServerRequest req, ServerResponse res) throws IOException {
        User u = auth.require(req);
        Playlist p = playlists.create(u, fields(req));
        json.ok(res, dto.created(p));
    }

    private void update(ServerRequest req, ServerResponse res) throws IOException {
        playlists.update(auth.require(req), Params.pathParam(req, "id"), fields(req));
        res.status(204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        playlists.delete(auth.require(req), Params.pathParam(req, "id"));
        res.status(204).send();
    }

    private void elements(ServerRequest req, ServerResponse res) {
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), null, "position", Set.of("position"));
        Page<PlaylistElement> page = playlists.elements(auth.optional(req), Params.pathParam(req, "id"), p.start(), p.count());
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(dto::element).toList()));
    }

    private void add(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Map<String, Object> body = json.readObject(req);
        Object videoId = body.get("videoId");
        if (videoId == null) throw Problem.invalidParam("videoId", "Should have a valid video id");
        long id = playlists.addVideo(u, Params.pathParam(req, "id"), String.valueOf(videoId),
                Params.intValue(body.get("startTimestamp"), "startTimestamp"), Params.intValue(body.get("stopTimestamp"), "stopTimestamp"));
        json.ok(res, dto.added(id));
    }

    private void reorder(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Map<String, Object> body = json.readObject(req);
        Integer start = Params.intValue(body.get("startPosition"), "startPosition");
        Integer after = Params.intValue(body.get("insertAfterPosition"), "insertAfterPosition");
        Integer length = Params.intValue(body.get("reorderLength"), "reorderLength");
        if (start == null || after == null) throw Problem.invalidParam("startPosition", "Should have startPosition and insertAfterPosition");
        playlists.reorder(u, Params.pathParam(req, "id"), start, after, length == null ? 1 : length);
        res.status(204).send();
    }

    private void remove(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        playlists.removeElement(u, Params.pathParam(req, "id"), Params.longValue(Params.pathParam(req, "elementId"), "elementId"));
        res.status(204).send();
    }
}

package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.AccountService;
import tandem.account.ActorImage;
import tandem.account.ActorImageKind;
import tandem.account.ActorImages;
import tandem.account.ActorName;
import tandem.account.Channel;
import tandem.account.User;
import tandem.core.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * PeerTube's avatar and banner routes: `POST /users/me/avatar/pick` and `DELETE /users/me/avatar` for the
 * user's account, `POST /video-channels/{handle}/avatar/pick|banner/pick` and `DELETE .../avatar|banner`
 * for a channel. The picture comes as a multipart file in `avatarfile` or `bannerfile`.
 */
public final class ActorImageRoutes implements HttpService {
    private final ActorImages images;
    private final AccountService accounts;
    private final Urls urls;
    private final JsonIo json;
    private final Auth auth;
    private final Path tmpDir;

    public ActorImageRoutes(ActorImages images, AccountService accounts, Urls urls, JsonIo json, Auth auth, Path tmpDir) {
        this.images = images;
        this.accounts = accounts;
        this.urls = urls;
        this.json = json;
        this.auth = auth;
        this.tmpDir = tmpDir;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/users/me/avatar/pick", this::pickMine)
             // PeerTube 6.3 answers this one with 200 and an empty list, not 204.
             .delete("/users/me/avatar", (req, res) -> {
                 images.deleteAccountAvatar(auth.require(req));
                 json.ok(res, Map.of("avatars", List.of()));
             });
        for (ActorImageKind kind : ActorImageKind.values()) {
            rules.post("/video-channels/{handle}/" + kind.id + "/pick", (req, res) -> pickChannel(req, res, kind))
                 .delete("/video-channels/{handle}/" + kind.id, (req, res) -> {
                     images.deleteChannelImage(auth.require(req), channel(req), kind);
                     res.status(204).send();
                 });
        }
    }

    private void pickMine(ServerRequest req, ServerResponse res) throws IOException {
        User user = auth.require(req);
        try (MultipartForm form = MultipartForm.read(req, tmpDir, ActorImages.MAX_BYTES)) {
            MultipartForm.UploadedFile f = file(form, ActorImageKind.AVATAR);
            write(res, ActorImageKind.AVATAR, images.pickAccountAvatar(user, f.path(), f.size()));
        }
    }

    private void pickChannel(ServerRequest req, ServerResponse res, ActorImageKind kind) throws IOException {
        User user = auth.require(req);
        Channel channel = channel(req);
        try (MultipartForm form = MultipartForm.read(req, tmpDir, ActorImages.MAX_BYTES)) {
            MultipartForm.UploadedFile f = file(form, kind);
            write(res, kind, images.pickChannelImage(user, channel, kind, f.path(), f.size()));
        }
    }

    private static MultipartForm.UploadedFile file(MultipartForm form, ActorImageKind kind) {
        MultipartForm.UploadedFile f = form.file(kind.field);
        if (f == null) throw Problem.invalidParam(kind.field, "Should have an image file in the " + kind.field + " field");
        return f;
    }

    /** `{ avatars: [...] }` or `{ banners: [...] }`, as PeerTube answers a pick. */
    private void write(ServerResponse res, ActorImageKind kind, List<ActorImage> list) {
        json.ok(res, Map.of(kind == ActorImageKind.AVATAR ? "avatars" : "banners", ActorImageToDto.list(list, urls)));
    }

    private Channel channel(ServerRequest req) {
        String handle = Params.pathParam(req, "handle");
        return accounts.channel(ActorName.parse(handle, urls.host())).orElseThrow(() -> Problem.notFound("Video channel " + handle + " not found"));
    }
}

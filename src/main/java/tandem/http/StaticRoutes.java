package tandem.http;

import tandem.net.MediaResolver;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;
import tandem.account.ActorImageFiles;
import tandem.account.ActorImageStore;

import java.io.IOException;

/** Static media at PeerTube's paths on the main listener; what may be sent is decided by MediaFiles. */
public final class StaticRoutes implements HttpService {
    private final FileSender sender;
    private final MediaFiles media;
    private final ActorImageServing actorImages;

    public StaticRoutes(FileSender sender, MediaFiles media, ActorImageStore imageStore, ActorImageFiles imageFiles, ActorImageFiles.Source remoteImages) {
        this.sender = sender;
        this.media = media;
        this.actorImages = new ActorImageServing(imageStore, imageFiles, remoteImages);
    }

    @Override
    public void routing(HttpRules rules) {
        for (String root : new String[] {"/static/*", "/lazy-static/*", "/download/*"}) {
            rules.options(root, StaticRoutes::preflight).get(root, this::send).head(root, this::send);
        }
    }

    private static void preflight(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Range, Authorization");
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        res.status(204).send();
    }

    private void send(ServerRequest req, ServerResponse res) throws IOException {
        String path = req.path().path();
        var picture = actorImages.resolve(path);
        if (picture.isPresent()) {
            if (!sender.send(req, res, picture.get())) throw Problem.notFound("File not found");
            return;
        }
        MediaResolver.Resolved r = media.resolve(req.path().path(), req.headers().first(HeaderNames.AUTHORIZATION).orElse(null),
                req.query().first("videoFileToken").orElse(null));
        if (!sender.send(req, res, r)) throw Problem.notFound("File not found");
    }
}

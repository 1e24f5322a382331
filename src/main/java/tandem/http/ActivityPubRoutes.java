package tandem.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.core.Problem;
import tandem.federation.CacheFileDocuments;
import tandem.federation.document.Documents;
import tandem.federation.inbox.Inbox;
import tandem.federation.inbox.InboxRejection;
import tandem.video.Video;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * ActivityPub over HTTP at PeerTube's URLs: actors and videos answer AP JSON on the same URLs as
 * their HTML pages when the client asks for it (content negotiation, else the web app answers),
 * their collections, comments, and the inboxes.
 */
public final class ActivityPubRoutes implements HttpService {
    static final String AP_JSON = "application/activity+json; charset=utf-8";

    private final Documents documents;
    private final Inbox inbox;
    private final CacheFileDocuments cacheFiles;

    public ActivityPubRoutes(Documents documents, Inbox inbox, CacheFileDocuments cacheFiles) {
        this.documents = documents;
        this.inbox = inbox;
        this.cacheFiles = cacheFiles;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/accounts/{name}", (req, res) -> negotiated(req, res, () -> documents.account(name(req)).map(documents::actor)))
             .get("/a/{name}", (req, res) -> negotiated(req, res, () -> documents.account(name(req)).map(documents::actor)))
             .get("/video-channels/{name}", (req, res) -> negotiated(req, res, () -> documents.channel(name(req)).map(documents::actor)))
             .get("/c/{name}", (req, res) -> negotiated(req, res, () -> documents.channel(name(req)).map(documents::actor)))
             .get("/accounts/{name}/{collection}", (req, res) -> collection(req, res, documents.account(name(req))))
             .get("/video-channels/{name}/{collection}", (req, res) -> collection(req, res, documents.channel(name(req))))
             .get("/videos/watch/{id}", this::video)
             .get("/w/{id}", this::video)
             .get("/videos/watch/{id}/{part}", this::videoPart)
             .get("/videos/watch/{id}/comments/{commentId}", this::comment)
             .get("/videos/watch/{id}/comments/{commentId}/approve-reply", this::approval)
             .get("/videos/watch/{id}/announces/{actorId}", this::share)
             .get("/redundancy/streaming-playlists/hls/{uuid}", (req, res) ->
                     send(res, cacheFiles.byVideoUuid(Params.pathParam(req, "uuid")).orElseThrow(() -> Problem.notFound("Redundancy not found"))))
             .post("/inbox", this::receive)
             .post("/accounts/{name}/inbox", this::receive)
             .post("/video-channels/{name}/inbox", this::receive);
    }

    private static String name(ServerRequest req) {
        return Params.pathParam(req, "name");
    }

    /** Whether the client asked for ActivityPub JSON rather than the HTML page. */
    static boolean wantsActivityJson(ServerRequest req) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        return accept.contains("application/activity+json") || accept.contains("application/ld+json");
    }

    private void negotiated(ServerRequest req, ServerResponse res, java.util.function.Supplier<Optional<ObjectNode>> doc) {
        if (!wantsActivityJson(req)) {
            res.next();
            return;
        }
        send(res, doc.get().orElseThrow(() -> Problem.notFound("Actor not found")));
    }

    private void collection(ServerRequest req, ServerResponse res, Optional<Documents.Named> actor) {
        String which = Params.pathParam(req, "collection");
        if (!which.equals("outbox") && !which.equals("followers") && !which.equals("following") && !which.equals("playlists")) {
            res.next();
            return;
        }
        Documents.Named n = actor.orElseThrow(() -> Problem.notFound("Actor not found"));
        Integer page = page(req);
        send(res, switch (which) {
            case "outbox" -> documents.outbox(n, page);
            case "followers" -> documents.followers(n, page);
            case "playlists" -> documents.playlists(n, page);
            default -> documents.following(n, page);
        });
    }

    private void video(ServerRequest req, ServerResponse res) {
        if (!wantsActivityJson(req)) {
            res.next();
            return;
        }
        String id = Params.pathParam(req, "id");
        Optional<String> origin = documents.remoteOrigin(id);
        if (origin.isPresent()) {
            res.status(Status.MOVED_PERMANENTLY_301).header(HeaderNames.LOCATION, origin.get()).send();
            return;
        }
        send(res, documents.video(found(id)));
    }

    private Video found(String id) {
        return documents.federatedVideo(id).orElseThrow(() -> Problem.notFound("Video not found"));
    }

    private void videoPart(ServerRequest req, ServerResponse res) {
        String part = Params.pathParam(req, "part");
        Video v;
        switch (part) {
            case "activity", "likes", "dislikes", "comments", "announces", "chapters" -> v = found(Params.pathParam(req, "id"));
            default -> {
                res.next();
                return;
            }
        }
        Integer page = page(req);
        send(res, switch (part) {
            case "activity" -> documents.videoCreate(v);
            case "likes" -> documents.rates(v, true, page);
            case "dislikes" -> documents.rates(v, false, page);
            case "comments" -> documents.comments(v, page);
            case "chapters" -> documents.chapters(v);
            default -> documents.shares(v, page);
        });
    }

    private void share(ServerRequest req, ServerResponse res) {
        String raw = Params.pathParam(req, "actorId");
        if (!raw.matches("\\d{1,18}")) throw Problem.notFound("Share not found");
        send(res, documents.share(found(Params.pathParam(req, "id")), Long.parseLong(raw)).orElseThrow(() -> Problem.notFound("Share not found")));
    }

    private void comment(ServerRequest req, ServerResponse res) {
        send(res, documents.comment(Params.pathParam(req, "id"), commentId(req)).orElseThrow(() -> Problem.notFound("Comment not found")));
    }

    private void approval(ServerRequest req, ServerResponse res) {
        send(res, documents.approval(Params.pathParam(req, "id"), commentId(req)).orElseThrow(() -> Problem.notFound("Comment not found")));
    }

    private static long commentId(ServerRequest req) {
        String raw = Params.pathParam(req, "commentId");
        if (!raw.matches("\\d{1,18}")) throw Problem.notFound("Comment not found");
        return Long.parseLong(raw);
    }

    private void receive(ServerRequest req, ServerResponse res) {
        byte[] body = JsonIo.readCapped(req, inbox.maxBytes());
        String query = req.query().rawValue();
        String target = req.path().rawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        Function<String, String> header = name -> req.headers().first(HeaderNames.create(name)).orElse(null);
        try {
            inbox.receive(target, header, body);
        } catch (InboxRejection e) {
            throw new Problem(e.status(), null, e.getMessage());
        }
        res.status(Status.ACCEPTED_202).send();
    }

    private static Integer page(ServerRequest req) {
        String p = Params.get(req, "page");
        if (p == null) return null;
        if (!p.matches("\\d{1,6}")) throw Problem.badRequest("page must be a positive number");
        return Integer.parseInt(p);
    }

    static void send(ServerResponse res, ObjectNode doc) {
        res.header(HeaderNames.CONTENT_TYPE, AP_JSON);
        res.send(doc.toString().getBytes(StandardCharsets.UTF_8));
    }
}

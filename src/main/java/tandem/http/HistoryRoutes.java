package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.User;
import tandem.core.Page;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.WatchHistory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** `/api/v1/users/me/history/videos…`: a user's watched videos, each with where they stopped (PeerTube's `userHistory`). */
public final class HistoryRoutes implements HttpService {
    private final WatchHistory history;
    private final VideoToDto dto;
    private final JsonIo json;
    private final Auth auth;

    public HistoryRoutes(WatchHistory history, VideoToDto dto, JsonIo json, Auth auth) {
        this.history = history;
        this.dto = dto;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me/history/videos", this::list)
             .post("/users/me/history/videos/remove", this::clear)
             .delete("/users/me/history/videos/{videoId}", (req, res) -> {
                 history.remove(auth.require(req), Params.pathParam(req, "videoId"));
                 res.status(204).send();
             });
    }

    private void list(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), null, "-updatedAt", Set.of("updatedAt"));
        Page<WatchHistory.Watched> page = history.list(u, p.start(), p.count());
        json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(w -> {
            Map<String, Object> m = dto.summary(w.video());
            m.put("userHistory", Map.of("currentTime", w.currentTime()));
            return m;
        }).toList()));
    }

    /** PeerTube's body: `beforeDate` (ISO 8601) keeps what was watched since; without it, everything goes. */
    private void clear(ServerRequest req, ServerResponse res) {
        User u = auth.require(req);
        Object before = json.readObject(req).get("beforeDate");
        Long millis = null;
        if (before != null) {
            try {
                millis = Instant.parse(String.valueOf(before)).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw Problem.invalidParam("beforeDate", "Should have a valid ISO 8601 date");
            }
        }
        history.clear(u, millis);
        res.status(204).send();
    }
}

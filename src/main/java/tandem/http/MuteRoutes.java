package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.ActorName;
import tandem.account.User;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.video.moderation.Mutes;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Each user's own blocklist, PeerTube's `/users/me/blocklist/accounts` and `/servers`: the accounts and
 * servers that user muted, whose videos and comments they no longer see.
 */
public final class MuteRoutes implements HttpService {
    private final Mutes mutes;
    private final AccountService accounts;
    private final ActorToDto actors;
    private final JsonIo json;
    private final Auth auth;
    private final String ourHost;

    public MuteRoutes(Mutes mutes, AccountService accounts, ActorToDto actors, JsonIo json, Auth auth, String ourHost) {
        this.mutes = mutes;
        this.accounts = accounts;
        this.actors = actors;
        this.json = json;
        this.auth = auth;
        this.ourHost = ourHost;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/users/me/blocklist/accounts", (req, res) -> {
                 User u = auth.require(req);
                 PageRequest p = page(req);
                 var page = mutes.accounts(u.accountId(), p.start(), p.count());
                 json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(m -> Map.of(
                         "blockedAccount", actors.accountSummary(m.account()), "createdAt", Instant.ofEpochMilli(m.createdAt()))).toList()));
             })
             .post("/users/me/blocklist/accounts", (req, res) -> {
                 User u = auth.require(req);
                 mutes.muteAccount(u.accountId(), account(Params.text(json.readObject(req).get("accountName"), "accountName")));
                 res.status(204).send();
             })
             .delete("/users/me/blocklist/accounts/{accountName}", (req, res) -> {
                 User u = auth.require(req);
                 mutes.unmuteAccount(u.accountId(), account(Params.pathParam(req, "accountName")));
                 res.status(204).send();
             })
             .get("/users/me/blocklist/servers", (req, res) -> {
                 User u = auth.require(req);
                 PageRequest p = page(req);
                 var page = mutes.servers(u.accountId(), p.start(), p.count());
                 json.ok(res, Map.of("total", page.total(), "data", page.data().stream().map(m -> Map.of(
                         "blockedServer", Map.of("host", m.host()), "createdAt", Instant.ofEpochMilli(m.createdAt()))).toList()));
             })
             .post("/users/me/blocklist/servers", (req, res) -> {
                 User u = auth.require(req);
                 mutes.muteServer(u.accountId(), host(Params.text(json.readObject(req).get("host"), "host")));
                 res.status(204).send();
             })
             .delete("/users/me/blocklist/servers/{host}", (req, res) -> {
                 User u = auth.require(req);
                 mutes.unmuteServer(u.accountId(), host(Params.pathParam(req, "host")));
                 res.status(204).send();
             });
    }

    private static PageRequest page(ServerRequest req) {
        return PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), null, "-createdAt", Set.of("createdAt"));
    }

    private Account account(String handle) {
        if (handle == null || handle.isBlank()) throw Problem.invalidParam("accountName", "Should have an account name like name or name@host");
        return accounts.account(ActorName.parse(handle, ourHost)).orElseThrow(() -> Problem.notFound("Account " + handle + " not found"));
    }

    private String host(String host) {
        if (host == null || host.isBlank() || !host.strip().matches("[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
            throw Problem.invalidParam("host", "Should have a valid host, like video.example.org");
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.equals(ourHost)) throw Problem.badRequest("You cannot mute your own instance");
        return h;
    }
}

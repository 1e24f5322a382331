package tandem.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Account;
import tandem.account.AccountService;
import tandem.account.Role;
import tandem.core.PageRequest;
import tandem.core.Problem;
import tandem.federation.actor.Blocklist;
import tandem.federation.vocab.FederationException;
import tandem.federation.Following;
import tandem.federation.vocab.ActorHandle;
import tandem.mirror.MirrorHosts;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin API of federation, PeerTube's: who we follow and who follows us
 * (`/server/following`, `/server/followers`), and the server and account blocklists.
 */
public final class FederationAdminRoutes implements HttpService {
    private final Following following;
    private final Blocklist blocks;
    private final AccountService accounts;
    private final JsonIo json;
    private final Auth auth;
    private final MirrorHosts mirrorHosts;
    /** Told when we stop following an instance: the pool re-plans (a member left). */
    private final Runnable followingChanged;

    public FederationAdminRoutes(Following following, Blocklist blocks, AccountService accounts, MirrorHosts mirrorHosts, JsonIo json, Auth auth,
                                 Runnable followingChanged) {
        this.followingChanged = followingChanged;
        this.following = following;
        this.mirrorHosts = mirrorHosts;
        this.blocks = blocks;
        this.accounts = accounts;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/server/following", (req, res) -> list(req, res, true))
             .post("/server/following", this::follow)
             .delete("/server/following/{target}", (req, res) -> {
                 admin(req);
                 following.unfollow(Params.pathParam(req, "target"));
                 followingChanged.run();
                 res.status(204).send();
             })
             .get("/server/followers", (req, res) -> list(req, res, false))
             .post("/server/followers/{handle}/accept", (req, res) -> {
                 admin(req);
                 following.acceptFollower(Params.pathParam(req, "handle"));
                 res.status(204).send();
             })
             .post("/server/followers/{handle}/reject", this::reject)
             .delete("/server/followers/{handle}", this::reject)
             .get("/server/blocklist/servers", this::blockedServers)
             .post("/server/blocklist/servers", this::blockServer)
             .delete("/server/blocklist/servers/{host}", (req, res) -> {
                 admin(req);
                 if (!blocks.unblockServer(ActorHandle.normaliseHost(Params.pathParam(req, "host")))) throw Problem.notFound("Server block not found");
                 res.status(204).send();
             })
             .get("/server/blocklist/accounts", this::blockedAccounts)
             .post("/server/blocklist/accounts", this::blockAccount)
             .delete("/server/blocklist/accounts/{name}", (req, res) -> {
                 admin(req);
                 if (!blocks.unblockAccount(account(Params.pathParam(req, "name")).id())) throw Problem.notFound("Account block not found");
                 res.status(204).send();
             });
    }

    private void admin(ServerRequest req) {
        auth.requireRole(req, Role.ADMIN);
    }

    private void list(ServerRequest req, ServerResponse res, boolean ours) {
        admin(req);
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), null, "-createdAt", Set.of("createdAt"));
        var page = ours ? following.following(p.start(), p.count()) : following.followers(p.start(), p.count());
        List<Map<String, Object>> data = page.data().stream().map(FollowToDto::follow).toList();
        if (ours) withRedundancyAllowed(data);
        json.ok(res, Map.of("total", page.total(), "data", data));
    }

    /** PeerTube's `following.hostRedundancyAllowed`: whether we may mirror that instance's videos. */
    @SuppressWarnings("unchecked")
    private void withRedundancyAllowed(List<Map<String, Object>> follows) {
        List<Map<String, Object>> targets = follows.stream().map(f -> (Map<String, Object>) f.get("following")).toList();
        Set<String> allowed = mirrorHosts.allowed(targets.stream().map(t -> (String) t.get("host")).toList());
        for (Map<String, Object> t : targets) t.put("hostRedundancyAllowed", allowed.contains(((String) t.get("host")).toLowerCase(java.util.Locale.ROOT)));
    }

    @SuppressWarnings("unchecked")
    private void follow(ServerRequest req, ServerResponse res) {
        admin(req);
        Map<String, Object> body = json.readObject(req);
        List<String> targets = new java.util.ArrayList<>();
        for (String key : List.of("hosts", "handles")) {
            Object v = body.get(key);
            if (v == null) continue;
            if (!(v instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) throw Problem.invalidParam(key, "Should be a list of strings");
            targets.addAll((List<String>) v);
        }
        if (targets.isEmpty()) throw Problem.invalidParam("hosts", "Give at least one host or handle");
        if (targets.size() > 20) throw Problem.invalidParam("hosts", "At most 20 at once");
        for (String t : targets) following.follow(t);
        res.status(204).send();
    }

    private void reject(ServerRequest req, ServerResponse res) {
        admin(req);
        following.rejectFollower(Params.pathParam(req, "handle"));
        res.status(204).send();
    }

    private void blockedServers(ServerRequest req, ServerResponse res) {
        admin(req);
        var list = blocks.servers().stream().map(BlockToDto::server).toList();
        json.ok(res, Map.of("total", list.size(), "data", list));
    }

    private void blockServer(ServerRequest req, ServerResponse res) {
        admin(req);
        Object host = json.readObject(req).get("host");
        if (!(host instanceof String h) || h.isBlank()) throw Problem.invalidParam("host", "Should have a valid host");
        String normalised;
        try {
            normalised = ActorHandle.normaliseHost(h);
        } catch (RuntimeException e) {
            throw Problem.invalidParam("host", e.getMessage());
        }
        blocks.blockServer(normalised);
        res.status(204).send();
    }

    private void blockedAccounts(ServerRequest req, ServerResponse res) {
        admin(req);
        var list = blocks.accounts().stream().map(BlockToDto::account).toList();
        json.ok(res, Map.of("total", list.size(), "data", list));
    }

    private void blockAccount(ServerRequest req, ServerResponse res) {
        admin(req);
        Object name = json.readObject(req).get("accountName");
        if (!(name instanceof String n) || n.isBlank()) throw Problem.invalidParam("accountName", "Should have an account name like name@host");
        blocks.blockAccount(account(n).id());
        res.status(204).send();
    }

    private Account account(String nameAtHost) {
        ActorHandle handle;
        try {
            handle = ActorHandle.parse(nameAtHost);
        } catch (FederationException e) {
            throw Problem.invalidParam("accountName", "Should be name@host (only remote accounts can be blocked here)");
        }
        return accounts.remoteAccount(handle.name(), handle.host()).orElseThrow(() -> Problem.notFound("Account " + nameAtHost + " not found"));
    }
}

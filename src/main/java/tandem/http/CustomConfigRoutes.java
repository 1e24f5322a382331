package tandem.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Role;
import tandem.instance.InstanceSettings;
import tandem.instance.InstanceSettingsService;

/** PeerTube's admin `GET/PUT/DELETE /config/custom`: the instance settings screen reads and writes through it. */
public final class CustomConfigRoutes implements HttpService {
    private final InstanceSettingsService settings;
    private final JsonIo json;
    private final Auth auth;
    /** Tells the instance actor's followers that its name changed (an Update, queued as a job). */
    private final Runnable nameChanged;

    public CustomConfigRoutes(InstanceSettingsService settings, Runnable nameChanged, JsonIo json, Auth auth) {
        this.settings = settings;
        this.nameChanged = nameChanged;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/config/custom", this::show)
             .put("/config/custom", this::update)
             .delete("/config/custom", this::reset);
    }

    private void show(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        json.ok(res, CustomConfigDto.of(settings.current()));
    }

    private void update(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        JsonNode body = json.mapper().valueToTree(json.readObject(req));
        InstanceSettings before = settings.current();
        InstanceSettings saved = settings.update(CustomConfigDto.read(body, before));
        if (!saved.name().equals(before.name())) nameChanged.run();
        json.ok(res, CustomConfigDto.echo(json.mapper(), body, saved));
    }

    private void reset(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        String before = settings.current().name();
        InstanceSettings reset = settings.reset();
        if (!reset.name().equals(before)) nameChanged.run();
        json.ok(res, CustomConfigDto.of(reset));
    }
}

package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.EmailVerifications;
import tandem.account.PasswordResets;
import tandem.account.Registration;
import tandem.account.Registrations;
import tandem.account.Role;
import tandem.core.PageRequest;
import tandem.core.Problem;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sign-up and password reset, PeerTube's routes: `POST /users/register`, registration requests
 * and their moderation (`/users/registrations…`, admins and moderators), `POST /users/ask-reset-password`
 * and `POST /users/{id}/reset-password`, and address verification (`POST /users/ask-send-verify-email`,
 * `/users/{id}/verify-email` and their `/users/registrations/` twins). Registered before {@link UserRoutes}, whose `/users/{id}`
 * would otherwise take `/users/registrations`.
 */
public final class RegistrationRoutes implements HttpService {
    private final Registrations registrations;
    private final PasswordResets resets;
    private final EmailVerifications verifications;
    private final JsonIo json;
    private final Auth auth;

    public RegistrationRoutes(Registrations registrations, PasswordResets resets, EmailVerifications verifications, JsonIo json, Auth auth) {
        this.verifications = verifications;
        this.registrations = registrations;
        this.resets = resets;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/users/register", this::register)
             .post("/users/registrations/request", this::request)
             .get("/users/registrations", this::list)
             .post("/users/registrations/{id}/accept", this::accept)
             .post("/users/registrations/{id}/reject", this::reject)
             .delete("/users/registrations/{id}", this::delete)
             .post("/users/ask-reset-password", this::askReset)
             .post("/users/{id}/reset-password", this::reset)
             .post("/users/ask-send-verify-email", this::askVerify)
             .post("/users/registrations/ask-send-verify-email", this::askVerify)
             .post("/users/registrations/{id}/verify-email", this::verifyRegistration)
             .post("/users/{id}/verify-email", this::verifyUser);
    }

    private void register(ServerRequest req, ServerResponse res) {
        registrations.register(signUp(req, json.readObject(req)));
        res.status(204).send();
    }

    private void request(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = json.readObject(req);
        Registration r = registrations.request(signUp(req, body), Params.text(body.get("registrationReason"), "registrationReason"));
        json.ok(res, dto(r));
    }

    private void list(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        PageRequest p = PageRequest.parse(Params.get(req, "start"), Params.get(req, "count"), null, "-createdAt", java.util.Set.of("createdAt"));
        boolean pending = "1".equals(Params.get(req, "state"));
        json.ok(res, Map.of("total", registrations.count(pending),
                "data", registrations.list(p.start(), p.count(), pending).stream().map(RegistrationRoutes::dto).toList()));
    }

    private void accept(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        registrations.accept(Params.longPath(req, "id"), Params.text(json.readObject(req).get("moderationResponse"), "moderationResponse"));
        res.status(204).send();
    }

    private void reject(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        registrations.reject(Params.longPath(req, "id"), Params.text(json.readObject(req).get("moderationResponse"), "moderationResponse"));
        res.status(204).send();
    }

    private void delete(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.MODERATOR);
        registrations.delete(Params.longPath(req, "id"));
        res.status(204).send();
    }

    /** Always 204 for a well-formed address: the answer does not tell whether it has an account. */
    private void askReset(ServerRequest req, ServerResponse res) {
        resets.ask(Params.text(json.readObject(req).get("email"), "email"), language(req));
        res.status(204).send();
    }

    private void reset(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = json.readObject(req);
        resets.reset(Params.longPath(req, "id"), Params.text(body.get("verificationString"), "verificationString"),
                Params.text(body.get("password"), "password"));
        res.status(204).send();
    }

    /** Always 204 for a well-formed address, as for password resets: the answer does not tell whether it is known. */
    private void askVerify(ServerRequest req, ServerResponse res) {
        verifications.ask(Params.text(json.readObject(req).get("email"), "email"), language(req));
        res.status(204).send();
    }

    private void verifyUser(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = json.readObject(req);
        Object pending = body.get("isPendingEmail");
        boolean isPendingEmail = Boolean.TRUE.equals(pending) || "true".equals(pending);
        verifications.verifyUser(Params.longPath(req, "id"), Params.text(body.get("verificationString"), "verificationString"), isPendingEmail);
        res.status(204).send();
    }

    private void verifyRegistration(ServerRequest req, ServerResponse res) {
        verifications.verifyRegistration(Params.longPath(req, "id"),
                Params.text(json.readObject(req).get("verificationString"), "verificationString"));
        res.status(204).send();
    }

    private static Registrations.SignUp signUp(ServerRequest req, Map<String, Object> body) {
        String channelName = null;
        String channelDisplayName = null;
        Object channel = body.get("channel");
        if (channel instanceof Map<?, ?> c) {
            channelName = Params.text(c.get("name"), "channel.name");
            channelDisplayName = Params.text(c.get("displayName"), "channel.displayName");
        } else if (channel != null) {
            throw Problem.invalidParam("channel", "Should have a valid channel (name and displayName)");
        }
        return new Registrations.SignUp(Params.text(body.get("username"), "username"), Params.text(body.get("password"), "password"),
                Params.text(body.get("email"), "email"), Params.text(body.get("displayName"), "displayName"), channelName, channelDisplayName,
                language(req));
    }

    /** The reader's language for e-mails: French when the browser puts French before English, else English. */
    static String language(ServerRequest req) {
        String accept = req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse("").toLowerCase(Locale.ROOT);
        int fr = accept.indexOf("fr");
        int en = accept.indexOf("en");
        return fr >= 0 && (en < 0 || fr < en) ? "fr" : "en";
    }

    private static Map<String, Object> dto(Registration r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("state", Map.of("id", r.state().id, "label", r.state().label));
        m.put("registrationReason", r.reason());
        m.put("moderationResponse", r.moderationResponse());
        m.put("username", r.username());
        m.put("email", r.email());
        m.put("emailVerified", r.emailVerified());
        m.put("accountDisplayName", r.displayName() == null ? r.username() : r.displayName());
        m.put("channelHandle", r.channelName());
        m.put("channelDisplayName", r.channelDisplayName());
        m.put("createdAt", Instant.ofEpochMilli(r.createdAt()));
        m.put("updatedAt", Instant.ofEpochMilli(r.updatedAt()));
        m.put("user", r.userId() == null ? null : Map.of("id", r.userId()));
        return m;
    }
}

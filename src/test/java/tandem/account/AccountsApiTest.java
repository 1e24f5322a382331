package tandem.account;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.instance.InstanceSettings;
import tandem.instance.InstanceSettings.P2pMode;
import tandem.instance.InstanceSettings.SignupPolicy;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up under each policy, registration moderation, password reset by e-mail and user settings,
 * through the real API, with mails received by a real SMTP server (GreenMail) on loopback.
 */
class AccountsApiTest {
    private static final Pattern LINK = Pattern.compile("/reset-password\\?userId=(\\d+)&verificationString=([0-9a-f]+)");
    private static GreenMail smtp;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    private static TestInstance start() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        return TestInstance.start(Map.of("smtp_host", "127.0.0.1", "smtp_port", String.valueOf(smtp.getSmtp().getPort()),
                "smtp_from", "tandem@asso.example"));
    }

    private static void policy(TestInstance t, SignupPolicy policy, int limit, P2pMode usersP2p) {
        InstanceSettings s = t.app().instanceSettings().current();
        t.app().instanceSettings().update(new InstanceSettings(s.name(), s.shortDescription(), s.description(), s.terms(), "mods@asso.example",
                new InstanceSettings.Signup(policy, limit, 16, false), 7_000_000L, 1_000_000L, s.resolutions(), s.nsfwPolicy(),
                new InstanceSettings.P2pDefaults(s.p2p().anonymous(), usersP2p)));
    }

    private static Map<String, Object> signUp(String name) {
        return Map.of("username", name, "password", name + "-password", "email", name + "@example.org", "displayName", "Ms " + name,
                "channel", Map.of("name", name + "_videos", "displayName", name + "'s videos"));
    }

    private static MimeMessage to(MimeMessage[] mails, String address) {
        return List.of(mails).stream().filter(m -> {
            try {
                return GreenMailUtil.getAddressList(m.getAllRecipients()).contains(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
    }

    private static MimeMessage[] awaitMails(TestInstance t, int count) {
        t.awaitIdle();
        assertThat(smtp.waitForIncomingEmail(10_000, count)).as("%d mail(s) received", count).isTrue();
        return smtp.getReceivedMessages();
    }

    @Test
    void sign_up_follows_the_policy_the_limit_and_the_rules() throws Exception {
        try (TestInstance t = start()) {
            TestClient anon = t.client();
            assertThat(anon.get("/api/v1/config").json().at("/email/enabled").asBoolean()).isTrue();
            TestClient.Response closed = anon.postJson("/api/v1/users/register", signUp("ann"));
            assertThat(closed.status()).isEqualTo(403);
            assertThat(closed.text()).contains("Registration is not enabled");

            policy(t, SignupPolicy.OPEN, 3, P2pMode.ASK);
            assertThat(anon.postJson("/api/v1/users/register", signUp("ann")).status()).isEqualTo(204);
            var ann = t.client().login("ann", "ann-password").me();
            assertThat(ann.get("videoQuota").asLong()).as("the settings' default quota").isEqualTo(7_000_000L);
            assertThat(ann.get("videoQuotaDaily").asLong()).isEqualTo(1_000_000L);
            assertThat(ann.get("p2pEnabled").isNull()).as("P2P 'ask': not decided yet").isTrue();
            assertThat(ann.at("/account/displayName").asText()).isEqualTo("Ms ann");
            assertThat(ann.at("/videoChannels/0/name").asText()).isEqualTo("ann_videos");

            TestClient.Response bad = anon.postJson("/api/v1/users/register",
                    Map.of("username", "Bad Name", "password", "abc", "email", "nope"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.text()).contains("username").contains("password").contains("email");
            assertThat(anon.postJson("/api/v1/users/register", Map.of("username", "bob", "password", "bob-password", "email", "bob@example.org",
                    "channel", Map.of("name", "bob", "displayName", "Bob"))).status()).as("channel named as the user").isEqualTo(409);
            assertThat(anon.postJson("/api/v1/users/register", Map.of("username", "ann", "password", "ann-password", "email", "other@example.org"))
                    .status()).as("username taken").isEqualTo(409);

            // root + ann + cid = 3 = the limit.
            assertThat(anon.postJson("/api/v1/users/register", signUp("cid")).status()).isEqualTo(204);
            TestClient.Response full = anon.postJson("/api/v1/users/register", signUp("dan"));
            assertThat(full.status()).isEqualTo(403);
            assertThat(full.text()).contains("limit");

            policy(t, SignupPolicy.OPEN, -1, P2pMode.OFF);
            assertThat(anon.postJson("/api/v1/users/register", signUp("dan")).status()).isEqualTo(204);
            assertThat(t.client().login("dan", "dan-password").me().get("p2pEnabled").asBoolean(true)).as("P2P off by default").isFalse();
        }
    }

    @Test
    void requests_wait_for_a_moderator_and_the_applicant_hears_the_decision() throws Exception {
        try (TestInstance t = start()) {
            policy(t, SignupPolicy.APPROVAL, -1, P2pMode.ON);
            TestClient anon = t.client();
            TestClient.Response direct = anon.postJson("/api/v1/users/register", signUp("eve"));
            assertThat(direct.status()).isEqualTo(403);
            assertThat(direct.text()).contains("approval");
            assertThat(anon.postJson("/api/v1/users/registrations/request", signUp("eve")).text()).contains("registrationReason");

            var withReason = new java.util.HashMap<>(signUp("eve"));
            withReason.put("registrationReason", "I film our choir");
            TestClient.Response asked = anon.postJson("/api/v1/users/registrations/request", withReason);
            assertThat(asked.status()).isEqualTo(200);
            long id = asked.json().get("id").asLong();
            assertThat(anon.postJson("/api/v1/users/registrations/request", withReason).status()).as("asked twice").isEqualTo(409);
            assertThat(t.client().token("eve", "eve-password").status()).as("no user before approval").isEqualTo(400);

            var fay = new java.util.HashMap<>(signUp("fay"));
            fay.put("registrationReason", "Spam");
            long fayId = anon.postJson("/api/v1/users/registrations/request", fay).json().get("id").asLong();

            TestClient admin = t.admin();
            assertThat(t.newUser("gus").get("/api/v1/users/registrations").status()).as("a plain user").isEqualTo(403);
            var list = admin.get("/api/v1/users/registrations").json();
            assertThat(list.get("total").asLong()).isEqualTo(2);
            assertThat(list.at("/data/1/registrationReason").asText()).isEqualTo("I film our choir");
            assertThat(list.at("/data/1/state/id").asInt()).isEqualTo(1);

            assertThat(admin.postJson("/api/v1/users/registrations/" + id + "/accept", Map.of("moderationResponse", "Welcome!")).status()).isEqualTo(204);
            assertThat(admin.postJson("/api/v1/users/registrations/" + id + "/accept", Map.of()).status()).as("decided once").isEqualTo(409);
            assertThat(admin.postJson("/api/v1/users/registrations/" + fayId + "/reject", Map.of("moderationResponse", "No spam here")).status())
                    .isEqualTo(204);
            MimeMessage[] mails = awaitMails(t, 4);
            assertThat(to(mails, "mods@").getSubject()).as("the moderators hear of requests").contains("New registration request");
            assertThat(GreenMailUtil.getBody(to(mails, "mods@"))).contains("/admin/moderation/registrations/list");
            MimeMessage accepted = to(mails, "eve@");
            assertThat(accepted.getSubject()).contains("accepted");
            assertThat(GreenMailUtil.getBody(accepted)).contains("Welcome!").contains(t.baseUrl() + "/login");
            MimeMessage rejected = to(mails, "fay@");
            assertThat(rejected.getSubject()).contains("rejected");

            var eve = t.client().login("eve", "eve-password").me();
            assertThat(eve.at("/account/displayName").asText()).isEqualTo("Ms eve");
            assertThat(eve.get("p2pEnabled").asBoolean()).isTrue();
            assertThat(admin.get("/api/v1/users/registrations").json().at("/data/1/state/id").asInt()).isEqualTo(3);
            assertThat(admin.delete("/api/v1/users/registrations/" + fayId).status()).isEqualTo(204);
            assertThat(admin.get("/api/v1/users/registrations").json().get("total").asLong()).isEqualTo(1);
        }
    }

    @Test
    void a_reset_link_works_once_within_the_hour_and_tells_nobody_who_has_an_account() throws Exception {
        try (TestInstance t = start()) {
            TestClient hal = t.newUser("hal");
            TestClient anon = t.client();
            assertThat(anon.postJson("/api/v1/users/ask-reset-password", Map.of("email", "nobody@example.org")).status()).isEqualTo(204);
            assertThat(anon.postJson("/api/v1/users/ask-reset-password", Map.of("email", "not an address")).status()).isEqualTo(400);
            t.awaitIdle();
            assertThat(smtp.getReceivedMessages()).as("no mail for an unknown address").isEmpty();

            TestClient.Response asked = anon.send(anon.builder("/api/v1/users/ask-reset-password").header("Content-Type", "application/json")
                    .header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"HAL@example.org\"}")));
            assertThat(asked.status()).isEqualTo(204);
            MimeMessage mail = awaitMails(t, 1)[0];
            assertThat(mail.getSubject()).as("French by the request's language").contains("Réinitialisation");
            String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
            Matcher m = LINK.matcher(body);
            assertThat(m.find()).as("a link in %s", body).isTrue();
            String path = "/api/v1/users/" + m.group(1) + "/reset-password";

            assertThat(anon.postJson(path, Map.of("verificationString", wrong(m.group(2)), "password", "new-password-1")).status())
                    .as("a wrong secret").isEqualTo(403);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2), "password", "x")).status()).isEqualTo(400);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2), "password", "new-password-1")).status()).isEqualTo(204);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2), "password", "new-password-2")).status()).as("used once").isEqualTo(403);
            assertThat(hal.get("/api/v1/users/me").status()).as("signed out everywhere").isEqualTo(401);
            assertThat(t.client().token("hal", "hal-password").status()).isEqualTo(400);
            t.client().login("hal", "new-password-1");

            smtp.purgeEmailFromAllMailboxes();
            anon.postJson("/api/v1/users/ask-reset-password", Map.of("email", "hal@example.org"));
            MimeMessage second = awaitMails(t, 1)[0];
            assertThat(second.getSubject()).contains("Reset your password");
            anon.postJson("/api/v1/users/ask-reset-password", Map.of("email", "hal@example.org"));
            t.awaitIdle();
            assertThat(smtp.getReceivedMessages()).as("asked again at once: no second mail").hasSize(1);
            Matcher m2 = LINK.matcher(GreenMailUtil.getBody(second).replace("=\r\n", "").replace("=3D", "="));
            assertThat(m2.find()).isTrue();
            t.clock().advance(Duration.ofMinutes(61));
            assertThat(anon.postJson(path, Map.of("verificationString", m2.group(2), "password", "new-password-3")).status()).as("expired").isEqualTo(403);
        }
    }

    @Test
    void settings_round_trip_and_bad_values_name_their_field() throws Exception {
        try (TestInstance t = start()) {
            TestClient ivy = t.newUser("ivy");
            assertThat(ivy.me().get("theme").asText()).isEqualTo("system");
            assertThat(ivy.putJson("/api/v1/users/me", Map.of("nsfwPolicy", "blur", "autoPlayVideo", false, "autoPlayNextVideo", true,
                    "p2pEnabled", false, "videoLanguages", List.of("fr", "en"), "language", "fr", "theme", "dark")).status()).isEqualTo(204);
            var me = ivy.me();
            assertThat(me.get("nsfwPolicy").asText()).isEqualTo("blur");
            assertThat(me.get("autoPlayVideo").asBoolean()).isFalse();
            assertThat(me.get("autoPlayNextVideo").asBoolean()).isTrue();
            assertThat(me.get("p2pEnabled").asBoolean(true)).isFalse();
            assertThat(me.get("videoLanguages").toString()).isEqualTo("[\"fr\",\"en\"]");
            assertThat(me.get("language").asText()).isEqualTo("fr");
            assertThat(me.get("theme").asText()).isEqualTo("dark");

            assertThat(ivy.putJson("/api/v1/users/me", Map.of("theme", "pink")).text()).contains("theme");
            assertThat(ivy.putJson("/api/v1/users/me", Map.of("nsfwPolicy", "all")).status()).isEqualTo(400);
            assertThat(ivy.putJson("/api/v1/users/me", Map.of("p2pEnabled", "yes")).text()).contains("p2pEnabled");
            assertThat(ivy.putJson("/api/v1/users/me", Map.of("autoPlayVideo", true)).status()).isEqualTo(204);
            assertThat(ivy.me().get("theme").asText()).as("absent fields are kept").isEqualTo("dark");

            TestClient.Response noPassword = ivy.putJson("/api/v1/users/me", Map.of("email", "ivy@new.example"));
            assertThat(noPassword.status()).isEqualTo(400);
            assertThat(noPassword.text()).contains("currentPassword");
            assertThat(ivy.putJson("/api/v1/users/me", Map.of("email", "ivy@new.example", "currentPassword", "ivy-password")).status()).isEqualTo(204);
            assertThat(ivy.me().get("email").asText()).isEqualTo("ivy@new.example");
        }
    }

    /** The secret with its first digit changed: never the secret itself (a fixed first digit would be it one time in 16). */
    private static String wrong(String secret) {
        return (secret.charAt(0) == '0' ? "1" : "0") + secret.substring(1);
    }
}

package tandem.account;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail verification as PeerTube does it (`signup.requiresEmailVerification`), through the real API
 * with mails received by a real SMTP server (GreenMail): sign-up, login refused until the link from
 * the mail is followed, single-use and expiring links, resending that tells nothing, registration
 * requests, and a changed address that waits in `pendingEmail`.
 */
class EmailVerificationApiTest {
    private static final Pattern USER_LINK = Pattern.compile("/verify-account/email\\?userId=(\\d+)&verificationString=([0-9a-f]+)(&isPendingEmail=true)?");
    private static final Pattern REGISTRATION_LINK = Pattern.compile("/verify-account/email\\?registrationId=(\\d+)&verificationString=([0-9a-f]+)");
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

    /** Sign-up open or on approval, with verification required, through the admin's custom config. */
    private static void requireVerification(TestInstance t, boolean approval) {
        TestClient.Response put = t.admin().putJson("/api/v1/config/custom", Map.of("signup",
                Map.of("enabled", true, "requiresApproval", approval, "requiresEmailVerification", true)));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
    }

    private static Map<String, Object> signUp(String name) {
        return Map.of("username", name, "password", name + "-password", "email", name + "@example.org");
    }

    /** The one mail received (waiting for the job queue), its body with quoted-printable soft breaks undone. */
    private static String onlyMailTo(TestInstance t, String address) throws Exception {
        t.awaitIdle();
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).as("a mail received").isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat(mails).hasSize(1);
        try {
            assertThat(GreenMailUtil.getAddressList(mails[0].getAllRecipients())).isEqualTo(address);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        String body = GreenMailUtil.getBody(mails[0]).replace("=\r\n", "").replace("=3D", "=");
        smtp.purgeEmailFromAllMailboxes();
        return body;
    }

    private static Matcher link(Pattern p, String body) {
        Matcher m = p.matcher(body);
        assertThat(m.find()).as("a link in %s", body).isTrue();
        return m;
    }

    @Test
    void a_new_user_logs_in_only_after_following_the_link_from_the_mail() throws Exception {
        try (TestInstance t = start()) {
            requireVerification(t, false);
            TestClient anon = t.client();
            assertThat(anon.get("/api/v1/config").json().at("/signup/requiresEmailVerification").asBoolean()).isTrue();
            assertThat(t.admin().get("/api/v1/config/custom").json().at("/signup/requiresEmailVerification").asBoolean()).isTrue();

            assertThat(anon.send(anon.builder("/api/v1/users/register").header("Content-Type", "application/json").header("Accept-Language", "fr")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"ann\",\"password\":\"ann-password\",\"email\":\"ann@example.org\"}")))
                    .status()).isEqualTo(204);
            String body = onlyMailTo(t, "ann@example.org");
            assertThat(body).as("French by the sign-up's language").contains("ouvrez ce lien dans l'heure").contains(t.baseUrl() + "/verify-account/email?userId=");
            Matcher m = link(USER_LINK, body);
            assertThat(m.group(3)).isNull();
            String path = "/api/v1/users/" + m.group(1) + "/verify-email";

            TestClient.Response refused = t.client().token("ann", "ann-password");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("detail").asText()).isEqualTo("User email is not verified.");
            assertThat(refused.json().get("type").asText()).endsWith("access_denied");
            assertThat(t.client().token("ann", "wrong-password").json().get("detail").asText()).as("only said to who knows the password")
                    .doesNotContain("verified");

            assertThat(anon.postJson(path, Map.of()).status()).as("no string").isEqualTo(400);
            assertThat(anon.postJson(path, Map.of("verificationString", wrong(m.group(2)))).status()).as("a wrong string").isEqualTo(403);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2), "isPendingEmail", true)).status())
                    .as("the address link does not confirm a new address").isEqualTo(403);
            assertThat(anon.postJson("/api/v1/users/999999/verify-email", Map.of("verificationString", m.group(2))).status()).isEqualTo(404);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2))).status()).isEqualTo(204);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2))).status()).as("used once").isEqualTo(403);

            TestClient ann = t.client().login("ann", "ann-password");
            assertThat(ann.me().get("emailVerified").asBoolean()).isTrue();
            var list = t.admin().get("/api/v1/users?search=ann").json();
            assertThat(list.at("/data/0/username").asText()).isEqualTo("ann");
            assertThat(list.at("/data/0/emailVerified").asBoolean()).isTrue();
            assertThat(t.admin().me().get("emailVerified").isNull()).as("never asked of the admin: null, and the admin still logs in").isTrue();
        }
    }

    @Test
    void a_new_link_tells_nobody_who_has_an_account_and_links_expire() throws Exception {
        try (TestInstance t = start()) {
            requireVerification(t, false);
            TestClient anon = t.client();
            assertThat(anon.postJson("/api/v1/users/register", signUp("bob")).status()).isEqualTo(204);
            String first = onlyMailTo(t, "bob@example.org");
            assertThat(first).contains("confirm that this address is yours").contains("within the hour");
            Matcher old = link(USER_LINK, first);

            TestClient.Response unknown = anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "nobody@example.org"));
            assertThat(unknown.status()).isEqualTo(204);
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "not an address")).status()).isEqualTo(400);
            t.awaitIdle();
            assertThat(smtp.getReceivedMessages()).as("no mail for an unknown address").isEmpty();

            TestClient.Response known = anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "BOB@example.org"));
            assertThat(known.status()).as("the same answer as for an unknown address").isEqualTo(unknown.status());
            assertThat(known.text()).isEqualTo(unknown.text());
            t.awaitIdle();
            assertThat(smtp.getReceivedMessages()).as("asked again at once: the link already sent stands").isEmpty();

            t.clock().advance(Duration.ofMinutes(61));
            String path = "/api/v1/users/" + old.group(1) + "/verify-email";
            assertThat(anon.postJson(path, Map.of("verificationString", old.group(2))).status()).as("expired").isEqualTo(403);
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "bob@example.org")).status()).isEqualTo(204);
            Matcher fresh = link(USER_LINK, onlyMailTo(t, "bob@example.org"));
            assertThat(anon.postJson(path, Map.of("verificationString", fresh.group(2))).status()).isEqualTo(204);
            t.client().login("bob", "bob-password");
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "bob@example.org")).status()).isEqualTo(204);
            t.awaitIdle();
            assertThat(smtp.getReceivedMessages()).as("nothing left to verify: no mail").isEmpty();
        }
    }

    @Test
    void a_registration_request_verifies_its_address_and_the_user_keeps_it() throws Exception {
        try (TestInstance t = start()) {
            requireVerification(t, true);
            TestClient anon = t.client();
            var body = new HashMap<String, Object>(signUp("eve"));
            body.put("registrationReason", "I film our choir");
            TestClient.Response asked = anon.postJson("/api/v1/users/registrations/request", body);
            assertThat(asked.status()).isEqualTo(200);
            assertThat(asked.json().get("emailVerified").asBoolean(true)).isFalse();
            long id = asked.json().get("id").asLong();
            t.awaitIdle();
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(x -> {
                try {
                    return GreenMailUtil.getAddressList(x.getAllRecipients()).equals("eve@example.org");
                } catch (jakarta.mail.MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }).findFirst().orElseThrow();
            Matcher m = link(REGISTRATION_LINK, GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
            assertThat(Long.parseLong(m.group(1))).isEqualTo(id);
            String path = "/api/v1/users/registrations/" + id + "/verify-email";
            assertThat(anon.postJson(path, Map.of("verificationString", wrong(m.group(2)))).status()).isEqualTo(403);
            assertThat(anon.postJson("/api/v1/users/registrations/99999/verify-email", Map.of("verificationString", m.group(2))).status()).isEqualTo(404);
            assertThat(anon.postJson("/api/v1/users/registrations/ask-send-verify-email", Map.of("email", "who@example.org")).status()).isEqualTo(204);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2))).status()).isEqualTo(204);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2))).status()).as("used once").isEqualTo(403);

            TestClient admin = t.admin();
            assertThat(admin.get("/api/v1/users/registrations").json().at("/data/0/emailVerified").asBoolean()).isTrue();
            assertThat(admin.postJson("/api/v1/users/registrations/" + id + "/accept", Map.of("moderationResponse", "Welcome!")).status()).isEqualTo(204);
            assertThat(t.client().login("eve", "eve-password").me().get("emailVerified").asBoolean()).as("the user keeps the verified address").isTrue();
        }
    }

    @Test
    void a_changed_address_waits_in_pending_email_until_verified() throws Exception {
        try (TestInstance t = start()) {
            TestClient ivy = t.newUser("ivy");
            String oldEmail = ivy.me().get("email").asText();
            requireVerification(t, false);
            smtp.purgeEmailFromAllMailboxes();
            assertThat(ivy.putJson("/api/v1/users/me", Map.of("email", "ivy@new.example", "currentPassword", "ivy-password")).status()).isEqualTo(204);
            var me = ivy.me();
            assertThat(me.get("email").asText()).as("unchanged until verified").isEqualTo(oldEmail);
            assertThat(me.get("pendingEmail").asText()).isEqualTo("ivy@new.example");

            Matcher m = link(USER_LINK, onlyMailTo(t, "ivy@new.example"));
            assertThat(m.group(3)).isEqualTo("&isPendingEmail=true");
            String path = "/api/v1/users/" + m.group(1) + "/verify-email";
            assertThat(t.client().postJson(path, Map.of("verificationString", m.group(2))).status())
                    .as("the new address's link does not verify the old one").isEqualTo(403);
            assertThat(t.client().postJson(path, Map.of("verificationString", m.group(2), "isPendingEmail", true)).status()).isEqualTo(204);
            me = ivy.me();
            assertThat(me.get("email").asText()).isEqualTo("ivy@new.example");
            assertThat(me.get("pendingEmail").isNull()).isTrue();
            assertThat(me.get("emailVerified").asBoolean()).isTrue();
        }
    }

    /** The secret with its first digit changed: never the secret itself (a fixed first digit would be it one time in 16). */
    private static String wrong(String secret) {
        return (secret.charAt(0) == '0' ? "1" : "0") + secret.substring(1);
    }
}

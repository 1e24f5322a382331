package tandem.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;
import tandem.web.BrowserScript;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube's e-mail verification through the real API, mails received by a real SMTP server
 * (GreenMail): the administrator requires it, a new user gets a link and cannot sign in before
 * following it; a wrong, used or expired link is refused; asking again tells nobody who has an account.
 */
class EmailVerificationTest {
    private static final Pattern LINK = Pattern.compile("/verify-account/email\\?userId=(\\d+)&verificationString=([0-9a-f]+)");
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

    private static Map<String, Object> signUp(String name) {
        return Map.of("username", name, "password", name + "-password", "email", name + "@example.org");
    }

    private static Matcher link(TestInstance t) throws Exception {
        t.awaitIdle();
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).as("a mail received").isTrue();
        MimeMessage[] mails = smtp.getReceivedMessages();
        MimeMessage mail = mails[mails.length - 1];
        assertThat(mail.getSubject()).contains("Verify your e-mail address");
        Matcher m = LINK.matcher(GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).as("a verification link in the mail").isTrue();
        return m;
    }

    @Test
    void a_new_user_signs_in_only_after_following_the_mailed_link() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        try (TestInstance t = TestInstance.start(Map.of("smtp_host", "127.0.0.1", "smtp_port", String.valueOf(smtp.getSmtp().getPort()),
                "smtp_from", "tandem@asso.example"))) {
            TestClient anon = t.client();
            // The administrator opens sign-up and requires verification, through PeerTube's custom config.
            ObjectNode custom = (ObjectNode) t.admin().get("/api/v1/config/custom").json();
            ((ObjectNode) custom.get("signup")).put("enabled", true).put("requiresApproval", false).put("requiresEmailVerification", true);
            assertThat(t.admin().putJson("/api/v1/config/custom", custom).status()).isEqualTo(200);
            assertThat(anon.get("/api/v1/config").json().at("/signup/requiresEmailVerification").asBoolean()).isTrue();

            assertThat(anon.postJson("/api/v1/users/register", signUp("vera")).status()).isEqualTo(204);
            Matcher m = link(t);
            TestClient.Response refused = anon.token("vera", "vera-password");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text()).contains("User email is not verified.");
            JsonNode vera = t.admin().get("/api/v1/users/" + m.group(1)).json();
            assertThat(vera.get("username").asText()).isEqualTo("vera");
            assertThat(vera.get("emailVerified").asBoolean(true)).as("not verified yet").isFalse();

            String path = "/api/v1/users/" + m.group(1) + "/verify-email";
            assertThat(anon.postJson(path, Map.of("verificationString", "0" + m.group(2).substring(1))).status()).as("a wrong string").isEqualTo(403);
            assertThat(anon.postJson(path, Map.of()).status()).as("no string").isEqualTo(400);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2))).status()).isEqualTo(204);
            assertThat(anon.postJson(path, Map.of("verificationString", m.group(2))).status()).as("used once").isEqualTo(403);
            TestClient signedIn = t.client().login("vera", "vera-password");
            assertThat(signedIn.me().get("emailVerified").asBoolean()).isTrue();
            assertThat(t.admin().me().get("emailVerified").isNull()).as("never asked: null, as PeerTube").isTrue();

            // A second user asks for a new link: an unknown address gets the same answer and no mail.
            smtp.purgeEmailFromAllMailboxes();
            assertThat(anon.postJson("/api/v1/users/register", signUp("walt")).status()).isEqualTo(204);
            Matcher first = link(t);
            smtp.purgeEmailFromAllMailboxes();
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "nobody@example.org")).status()).isEqualTo(204);
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "vera@example.org")).status())
                    .as("already verified: same answer").isEqualTo(204);
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "walt@example.org")).status()).isEqualTo(204);
            t.awaitIdle();
            assertThat(smtp.getReceivedMessages()).as("a fresh link stands: no second mail yet, none for the others").isEmpty();
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "not an address")).status()).isEqualTo(400);

            t.clock().advance(Duration.ofMinutes(61));
            String walt = "/api/v1/users/" + first.group(1) + "/verify-email";
            assertThat(anon.postJson(walt, Map.of("verificationString", first.group(2))).status()).as("expired").isEqualTo(403);
            assertThat(anon.postJson("/api/v1/users/ask-send-verify-email", Map.of("email", "walt@example.org")).status()).isEqualTo(204);
            Matcher again = link(t);
            assertThat(anon.postJson(walt, Map.of("verificationString", again.group(2))).status()).isEqualTo(204);
            t.client().login("walt", "walt-password");

            // Verification no longer required: nobody is held back by it.
            ((ObjectNode) custom.get("signup")).put("requiresEmailVerification", false);
            assertThat(t.admin().putJson("/api/v1/config/custom", custom).status()).isEqualTo(200);
            smtp.purgeEmailFromAllMailboxes();
            assertThat(anon.postJson("/api/v1/users/register", signUp("xena")).status()).isEqualTo(204);
            t.client().login("xena", "xena-password");
            t.awaitIdle();
            assertThat(smtp.getReceivedMessages()).as("no verification mail when not required").isEmpty();
        }
    }

    @Test
    void in_the_browser_sign_up_is_told_to_check_the_mail_and_the_link_opens_the_door() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        smtp.purgeEmailFromAllMailboxes();
        try (TestInstance t = TestInstance.start(Map.of("smtp_host", "127.0.0.1", "smtp_port", String.valueOf(smtp.getSmtp().getPort()),
                "smtp_from", "tandem@asso.example"))) {
            ObjectNode custom = (ObjectNode) t.admin().get("/api/v1/config/custom").json();
            ((ObjectNode) custom.get("signup")).put("enabled", true).put("requiresApproval", false).put("requiresEmailVerification", true);
            assertThat(t.admin().putJson("/api/v1/config/custom", custom).status()).isEqualTo(200);

            BrowserScript signup = BrowserScript.run(Duration.ofSeconds(120), "browser-verify-email.mjs", "signup", t.baseUrl(), "yara", "yara-password");
            JsonNode before = signup.report();
            assertThat(before.has("failed")).as(signup.output()).isFalse();
            assertThat(before.at("/signup/told").asText()).contains("yara@example.org").contains("verify your address");
            assertThat(before.at("/signup/resend").asText()).isEqualTo("/verify-account/ask-send-email");
            assertThat(before.at("/loginBefore/path").asText()).as("still on the login page").isEqualTo("/login");
            assertThat(before.at("/loginBefore/signedIn").asInt()).isZero();

            Matcher m = link(t);
            String url = t.baseUrl() + m.group();
            BrowserScript verify = BrowserScript.run(Duration.ofSeconds(120), "browser-verify-email.mjs", "verify", t.baseUrl(), url, "yara", "yara-password");
            JsonNode after = verify.report();
            assertThat(after.has("failed")).as(verify.output()).isFalse();
            assertThat(after.at("/verify/done").asText()).contains("Your e-mail address is verified.");
            assertThat(after.at("/again/failed").asText()).as("a link works once").contains("already used");
            assertThat(after.at("/again/form").asInt()).isEqualTo(1);
            assertThat(after.at("/login/whoami").asText()).isEqualTo("yara");
        }
    }
}

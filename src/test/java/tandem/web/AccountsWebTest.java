package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tandem.instance.InstanceSettings;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts in a real headless Chromium at phone size (interop/browser-accounts.mjs), with a real SMTP
 * server (GreenMail) receiving the instance's mails: a sign-up on approval, accepted in the admin
 * page, logs in; the settings page turns P2P off and the interface to French; the reset link that
 * arrives by e-mail sets a new password that logs in.
 */
class AccountsWebTest {
    private static final Pattern LINK = Pattern.compile("http\\S+/reset-password\\?userId=\\d+&verificationString=[0-9a-f]+");

    @Test
    void sign_up_on_approval_settings_and_password_reset_by_email() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (TestInstance t = TestInstance.start(Map.of("smtp_host", "127.0.0.1", "smtp_port", String.valueOf(smtp.getSmtp().getPort())))) {
            InstanceSettings s = t.app().instanceSettings().current();
            t.app().instanceSettings().update(new InstanceSettings(s.name(), s.shortDescription(), s.description(), "Be kind to each other.",
                    s.contactEmail(), new InstanceSettings.Signup(InstanceSettings.SignupPolicy.APPROVAL, -1, 15, false), s.defaultVideoQuota(),
                    s.defaultVideoQuotaDaily(), s.resolutions(), s.nsfwPolicy(), new InstanceSettings.P2pDefaults(s.p2p().anonymous(), InstanceSettings.P2pMode.ON)));

            BrowserScript first = BrowserScript.run(Duration.ofSeconds(180), "browser-accounts.mjs",
                    "signup", t.baseUrl(), "root", TestInstance.ADMIN_PASSWORD, "zoe", "zoe-password-1");
            JsonNode story = first.report();
            assertThat(story.has("failed")).as(first.output()).isFalse();
            assertThat(story.at("/signup/terms").asText()).contains("Be kind to each other.");
            assertThat(story.at("/signup/sentWithoutTerms").asBoolean()).as("the age and terms box is required").isFalse();
            assertThat(story.at("/signup/sent").asText()).contains("zoe@example.org");
            assertThat(story.at("/approval/reason").asText()).isEqualTo("I film our choir rehearsals");
            assertThat(story.at("/approval/tabCurrent").asText()).isEqualTo("Registrations");
            assertThat(story.at("/approval/badge").asText()).isEqualTo("Accepted");
            assertThat(story.at("/newUser/whoami").asText()).isEqualTo("zoe");
            assertThat(story.at("/settings/p2pBefore").asText()).as("the instance's default for users").isEqualTo("on");
            assertThat(story.at("/settings/heading").asText()).as("French right after saving").isEqualTo("Mes réglages");
            assertThat(story.at("/settings/nextPageLink").asText()).as("French on the next page").isEqualTo("Réglages");
            assertThat(story.at("/settings/lang").asText()).isEqualTo("fr");
            assertThat(story.at("/settings/theme").asText()).isEqualTo("dark");
            assertThat(story.at("/askReset/linkText").asText()).isEqualTo("Mot de passe oublié ?");

            JsonNode zoe = t.admin().get("/api/v1/users?search=zoe").json().at("/data/0");
            assertThat(zoe.get("p2pEnabled").asBoolean(true)).as("P2P off stored").isFalse();
            assertThat(zoe.get("language").asText()).isEqualTo("fr");
            assertThat(zoe.at("/account/displayName").asText()).isEqualTo("Zoé from the choir");

            t.awaitIdle();
            assertThat(smtp.waitForIncomingEmail(10_000, 2)).as("acceptance and reset mails").isTrue();
            MimeMessage reset = null;
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (GreenMailUtil.getBody(m).contains("reset-password")) reset = m;
            }
            assertThat(reset).as("a reset mail").isNotNull();
            assertThat(reset.getSubject()).as("in the user's language").contains("Réinitialisation");
            Matcher link = LINK.matcher(GreenMailUtil.getBody(reset).replace("=\r\n", "").replace("=3D", "="));
            assertThat(link.find()).isTrue();

            BrowserScript second = BrowserScript.run(Duration.ofSeconds(120), "browser-accounts.mjs",
                    "reset", t.baseUrl(), link.group(), "zoe", "zoe-password-2");
            JsonNode after = second.report();
            assertThat(after.has("failed")).as(second.output()).isFalse();
            assertThat(after.at("/reset/mismatch").asText()).isNotBlank();
            assertThat(after.at("/reset/whoami").asText()).isEqualTo("zoe");
            assertThat(t.client().token("zoe", "zoe-password-1").status()).as("the old password no longer works").isEqualTo(400);
        } finally {
            smtp.stop();
        }
    }
}

package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.Test;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail verification in a real headless Chromium (interop/browser-accounts.mjs, phases verify-signup
 * and verify-link) with a real SMTP server (GreenMail): the sign-up page says to check the mail, login
 * is refused with a way to ask for a new link, a broken link says so, and the link from the mail
 * confirms the address, after which the user logs in.
 */
class VerifyEmailWebTest {
    private static final Pattern LINK = Pattern.compile("http\\S+/verify-account/email\\?userId=\\d+&verificationString=[0-9a-f]+");

    @Test
    void the_link_from_the_mail_verifies_the_address_and_the_user_logs_in() throws Exception {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (TestInstance t = TestInstance.start(Map.of("smtp_host", "127.0.0.1", "smtp_port", String.valueOf(smtp.getSmtp().getPort())))) {
            assertThat(t.admin().putJson("/api/v1/config/custom", Map.of("signup",
                    Map.of("enabled", true, "requiresApproval", false, "requiresEmailVerification", true))).status()).isEqualTo(200);

            BrowserScript first = BrowserScript.run(Duration.ofSeconds(120), "browser-accounts.mjs", "verify-signup", t.baseUrl(), "kim", "kim-password-1");
            JsonNode story = first.report();
            assertThat(story.has("failed")).as(first.output()).isFalse();
            assertThat(story.at("/signup/told").asText()).contains("kim@example.org");
            assertThat(story.at("/login/refused").asText()).contains("not verified");
            assertThat(story.at("/login/asked").asText()).isNotBlank();

            t.awaitIdle();
            assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
            Matcher link = LINK.matcher(GreenMailUtil.getBody(smtp.getReceivedMessages()[0]).replace("=\r\n", "").replace("=3D", "="));
            assertThat(link.find()).isTrue();

            BrowserScript second = BrowserScript.run(Duration.ofSeconds(120), "browser-accounts.mjs", "verify-link", t.baseUrl(), link.group(),
                    "kim", "kim-password-1");
            JsonNode after = second.report();
            assertThat(after.has("failed")).as(second.output()).isFalse();
            assertThat(after.at("/verify/wrong").asText()).contains("wrong");
            assertThat(after.at("/verify/resendForm").asInt()).isEqualTo(1);
            assertThat(after.at("/verify/done").asText()).contains("verified");
            assertThat(after.at("/verify/whoami").asText()).isEqualTo("kim");
        } finally {
            smtp.stop();
        }
    }
}

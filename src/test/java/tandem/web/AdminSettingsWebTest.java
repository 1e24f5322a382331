package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In Chromium, on a phone: the administrator renames the instance and opens sign-up on approval from the settings screen. */
class AdminSettingsWebTest {
    @Test
    void the_admin_renames_the_instance_and_opens_sign_up_on_approval() {
        try (TestInstance t = TestInstance.start()) {
            String name = "Vidéos du Quartier";
            Path shots = Path.of("target", "screenshots").toAbsolutePath();
            try {
                Files.createDirectories(shots);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            BrowserScript run = BrowserScript.run(Duration.ofSeconds(120),
                    Map.of("TANDEM_ACCESS_TOKEN", t.admin().token(), "TANDEM_SCREENSHOTS", shots.toString()),
                    "browser-admin-settings.mjs", t.baseUrl(), name);
            assertThat(run.exitCode()).as(run.output()).isZero();
            JsonNode r = run.report();
            assertThat(r.at("/screen/signup").asText()).as("closed until the admin opens it").isEqualTo("closed");
            assertThat(r.at("/screen/resolutions").asInt()).isEqualTo(8);
            assertThat(r.at("/screen/p2pExplained").asText()).contains("IP address");
            assertThat(r.at("/screen/fits").asBoolean()).as("no sideways scrolling at 375 px").isTrue();

            assertThat(r.at("/refused/fieldError").asText()).as("the server's message, next to the field").contains("admin.email");
            assertThat(r.at("/refused/focused").asText()).isEqualTo("cfg-email");
            assertThat(r.at("/saved/status").asText()).contains("Settings saved");

            assertThat(r.at("/header/brand").asText()).isEqualTo(name);
            assertThat(r.at("/about/path").asText()).isEqualTo("/about/instance");
            assertThat(r.at("/about/title").asText()).isEqualTo(name);
            assertThat(r.at("/about/contact").asText()).contains("contact@asso.example");
            assertThat(r.at("/about/ledger").asText()).isEqualTo("/about/ledger");
            assertThat(r.at("/about/fits").asBoolean()).isTrue();

            assertThat(r.at("/french/lang").asText()).isEqualTo("fr");
            assertThat(r.at("/french/save").asText()).isEqualTo("Enregistrer les paramètres");
            assertThat(r.at("/french/legends").toString()).contains("Inscriptions").contains("Transcodage").contains("Pair-à-pair");
            assertThat(r.at("/french/p2pExplained").asText()).contains("adresse IP");
            assertThat(r.at("/french/signupLabel").asText()).contains("après accord d’un administrateur");

            JsonNode config = t.client().get("/api/v1/config").json();
            assertThat(config.at("/instance/name").asText()).isEqualTo(name);
            assertThat(config.at("/signup/allowed").asBoolean()).isTrue();
            assertThat(config.at("/signup/requiresApproval").asBoolean()).isTrue();
            assertThat(t.client().get("/api/v1/config/about").json().at("/contact/email").asText()).isEqualTo("contact@asso.example");
        }
    }
}

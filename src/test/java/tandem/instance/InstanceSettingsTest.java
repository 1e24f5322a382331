package tandem.instance;

import org.junit.jupiter.api.Test;
import tandem.core.Problem;
import tandem.instance.InstanceSettings.P2pDefaults;
import tandem.instance.InstanceSettings.P2pMode;
import tandem.instance.InstanceSettings.Signup;
import tandem.instance.InstanceSettings.SignupPolicy;
import tandem.testing.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An administrator's settings: defaults until set, kept across a restart, checked before they are stored, shown in /config. */
class InstanceSettingsTest {
    @Test
    void settings_survive_a_restart_and_show_in_the_public_config() {
        try (TestInstance t = TestInstance.start()) {
            InstanceSettings first = t.app().instanceSettings().current();
            assertThat(first.signup().policy()).as("sign-up closed until the administrator opens it").isEqualTo(SignupPolicy.CLOSED);
            assertThat(t.client().get("/api/v1/config").json().at("/signup/allowed").asBoolean()).isFalse();

            t.app().instanceSettings().update(new InstanceSettings("Vidéos de l'asso", "Nos vidéos", "# Bienvenue", "Soyez aimables",
                    "contact@asso.example", new Signup(SignupPolicy.APPROVAL, 100, 18, true), 5_000_000_000L, -1,
                    List.of(360, 720), "blur", new P2pDefaults(P2pMode.ASK, P2pMode.ON)));
            t.restartApp();

            InstanceSettings kept = t.app().instanceSettings().current();
            assertThat(kept.name()).isEqualTo("Vidéos de l'asso");
            assertThat(kept.resolutions()).containsExactly(360, 720);
            var config = t.client().get("/api/v1/config").json();
            assertThat(config.at("/instance/name").asText()).isEqualTo("Vidéos de l'asso");
            assertThat(config.at("/signup/allowed").asBoolean()).isTrue();
            assertThat(config.at("/signup/requiresApproval").asBoolean()).isTrue();
            assertThat(config.at("/signup/minimumAge").asInt()).isEqualTo(18);
            assertThat(config.at("/user/videoQuota").asLong()).isEqualTo(5_000_000_000L);
            assertThat(config.at("/transcoding/enabledResolutions").toString()).isEqualTo("[360,720]");
            assertThat(config.at("/instance/defaultNSFWPolicy").asText()).isEqualTo("blur");
            assertThat(config.at("/tandem/p2p/anonymous").asText()).isEqualTo("ask");
            assertThat(config.at("/tandem/p2p/users").asText()).isEqualTo("on");
            var about = t.client().get("/api/v1/config/about").json();
            assertThat(about.at("/instance/description").asText()).isEqualTo("# Bienvenue");
            assertThat(about.at("/instance/terms").asText()).isEqualTo("Soyez aimables");
            assertThat(about.at("/contact/email").asText()).isEqualTo("contact@asso.example");
        }
    }

    @Test
    void a_bad_setting_is_refused_with_its_name_and_nothing_changes() {
        try (TestInstance t = TestInstance.start()) {
            InstanceSettings before = t.app().instanceSettings().current();
            InstanceSettings bad = new InstanceSettings("x", "", "", "", "not-an-address", before.signup(), -1, -1,
                    List.of(720), "display", before.p2p());
            assertThatThrownBy(() -> t.app().instanceSettings().update(bad)).isInstanceOf(Problem.class).hasMessageContaining("admin.email");
            InstanceSettings odd = new InstanceSettings("x", "", "", "", "", before.signup(), -1, -1, List.of(700), "display", before.p2p());
            assertThatThrownBy(() -> t.app().instanceSettings().update(odd)).isInstanceOf(Problem.class).hasMessageContaining("700p");
            assertThat(t.app().instanceSettings().current()).isEqualTo(before);
        }
    }
}

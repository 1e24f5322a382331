package tandem.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.Federated;
import tandem.testing.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In Chromium: A's admin allows mirroring the videos of B, an instance A follows, from the Mirrors tab. */
class MirrorAdminWebTest {
    private static TestInstance a;
    private static TestInstance b;

    @BeforeAll
    static void start() {
        a = TestInstance.start(Federated.settings(Map.of("mirror_strategies", "most-views:2GB:48h,recently-added:1GB:1d:5")));
        b = Federated.start();
        assertThat(a.admin().postJson("/api/v1/server/following", Map.of("hosts", java.util.List.of(Federated.host(b)))).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void the_admin_allows_mirroring_a_followed_instance_from_the_mirrors_tab() {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(90), Map.of("TANDEM_ACCESS_TOKEN", a.admin().token()),
                "browser-mirrors-admin.mjs", a.baseUrl(), Federated.host(b));
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.report().get("initiallyAllowed").asBoolean()).as("PeerTube's default: off").isFalse();
        assertThat(run.report().get("put").asInt()).isEqualTo(204);
        assertThat(run.report().get("allowedAfterClick").asBoolean()).as(run.output()).isTrue();
        assertThat(a.admin().get("/api/v1/server/following").json().at("/data/0/following/hostRedundancyAllowed").asBoolean())
                .as("the server kept the choice").isTrue();
        assertThat(run.report().at("/panels/mirrors-policy").asText()).as("the policy of tandem.conf, shown")
                .contains("most-views").contains("2 GiB").contains("48 h").contains("recently-added").contains("1 GiB").contains("24 h").contains("prefer-mirrors")
                .contains("any instance");
        var policy = a.admin().get("/api/v1/server/redundancy/policy").json();
        assertThat(policy.at("/strategies/0/size").asLong()).isEqualTo(2L << 30);
        assertThat(policy.at("/strategies/1/minViews").asInt()).isEqualTo(5);
        assertThat(a.client().get("/api/v1/server/redundancy/policy").status()).as("admins only").isEqualTo(401);
    }
}

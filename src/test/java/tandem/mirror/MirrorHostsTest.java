package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.testing.Federated;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin says, per followed instance, whether its videos may be mirrored here, as PeerTube's
 * admin does (`PUT /api/v1/server/redundancy/{host}`, `following.hostRedundancyAllowed`).
 */
class MirrorHostsTest {

    @Test
    void the_admin_allows_mirroring_a_followed_instance_and_takes_it_back() {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            String host = Federated.host(b);
            assertThat(a.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(host))).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(allowed(a)).as("off until the admin turns it on, as PeerTube").isFalse();

            assertThat(a.admin().putJson("/api/v1/server/redundancy/" + host, Map.of("redundancyAllowed", true)).status()).isEqualTo(204);
            assertThat(allowed(a)).isTrue();
            assertThat(a.admin().putJson("/api/v1/server/redundancy/" + host.toUpperCase(), Map.of("redundancyAllowed", false)).status()).isEqualTo(204);
            assertThat(allowed(a)).isFalse();

            assertThat(a.admin().putJson("/api/v1/server/redundancy/elsewhere.example", Map.of("redundancyAllowed", true)).status())
                    .as("an instance we do not follow").isEqualTo(404);
            assertThat(a.admin().putJson("/api/v1/server/redundancy/" + host, Map.of("redundancyAllowed", "yes")).status()).isEqualTo(400);
            assertThat(a.newUser("carol").putJson("/api/v1/server/redundancy/" + host, Map.of("redundancyAllowed", true)).status()).isEqualTo(403);
            assertThat(allowed(a)).as("refused requests changed nothing").isFalse();
        }
    }

    private static boolean allowed(TestInstance a) {
        JsonNode following = a.admin().get("/api/v1/server/following").json();
        assertThat(following.at("/total").asInt()).isEqualTo(1);
        JsonNode flag = following.at("/data/0/following/hostRedundancyAllowed");
        assertThat(flag.isBoolean()).as("listed with the follow").isTrue();
        return flag.asBoolean();
    }
}

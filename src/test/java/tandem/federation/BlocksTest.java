package tandem.federation;

import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins block instances and accounts: their content leaves the lists and their activities are refused. */
class BlocksTest {

    @Test
    void blocking_an_instance_hides_its_videos_and_refuses_its_activities() {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            String first = upload(b, "Before the block");
            assertThat(a.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(b)))).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(a.client().get("/api/v1/videos?isLocal=false").json().at("/total").asInt()).isEqualTo(1);

            assertThat(a.admin().postJson("/api/v1/server/blocklist/servers", Map.of("host", Federated.host(b))).status()).isEqualTo(204);
            assertThat(a.admin().get("/api/v1/server/blocklist/servers").text()).contains(Federated.host(b));
            assertThat(a.client().get("/api/v1/videos?isLocal=false").json().at("/total").asInt()).as("hidden from lists").isZero();
            assertThat(a.client().get("/api/v1/search/videos?search=block").json().at("/total").asInt()).isZero();

            String second = upload(b, "After the block");
            Federated.awaitIdle(a, b);
            assertThat(a.client().get("/api/v1/videos/" + second).status()).as("B's Create was refused").isEqualTo(404);
            String failed = b.admin().get("/api/v1/jobs/failed?jobType=activitypub-http-unicast").text();
            assertThat(failed).contains("403").contains("blocked");

            assertThat(a.admin().delete("/api/v1/server/blocklist/servers/" + Federated.host(b)).status()).isEqualTo(204);
            assertThat(a.client().get("/api/v1/videos?isLocal=false").json().at("/total").asInt()).as("back after unblocking").isEqualTo(1);
            assertThat(a.client().get("/api/v1/videos/" + first).status()).isEqualTo(200);
        }
    }

    @Test
    void a_blocked_account_cannot_comment() {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            String uuid = upload(b, "Comments welcome");
            assertThat(a.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(b)))).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(a.admin().postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "First, allowed")).status()).isEqualTo(200);
            Federated.awaitIdle(a, b);
            assertThat(b.client().get("/api/v1/videos/" + uuid + "/comment-threads").text()).contains("First, allowed");

            String handle = "root@" + Federated.host(a);
            assertThat(b.admin().postJson("/api/v1/server/blocklist/accounts", Map.of("accountName", handle)).status()).isEqualTo(204);
            assertThat(b.admin().get("/api/v1/server/blocklist/accounts").text()).contains("\"name\":\"root\"");
            assertThat(a.admin().postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Second, refused")).status()).isEqualTo(200);
            Federated.awaitIdle(a, b);
            assertThat(b.client().get("/api/v1/videos/" + uuid + "/comment-threads").text()).doesNotContain("Second, refused");
            assertThat(a.admin().get("/api/v1/jobs/failed?jobType=activitypub-http-unicast").text()).contains("is blocked here");
        }
    }

    private static String upload(TestInstance t, String name) {
        var up = t.admin().upload(TestMedia.clipWithAudio(), name, Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        return up.json().at("/video/uuid").asText();
    }
}

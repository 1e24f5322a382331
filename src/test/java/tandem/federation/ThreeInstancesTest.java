package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances: A and C both follow B. A comment written on A under B's video reaches C through
 * B, which forwards it; C checks it with A, where it was written. A user of C subscribes to B's
 * channel by its handle.
 */
class ThreeInstancesTest {
    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;
    private static String uuid;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        c = Federated.start();
        var up = b.admin().upload(TestMedia.clipWithAudio(), "Watched on three instances", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        for (TestInstance follower : List.of(a, c)) {
            assertThat(follower.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(b)))).status()).isEqualTo(204);
        }
        Federated.awaitIdle(a, b, c);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
        c.close();
    }

    @Test
    void a_comment_from_a_reaches_c_through_b() {
        assertThat(c.client().get("/api/v1/videos/" + uuid).status()).isEqualTo(200);
        assertThat(a.admin().postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "From A, via B")).status()).isEqualTo(200);
        Federated.awaitIdle(a, b, c);
        assertThat(b.client().get("/api/v1/videos/" + uuid + "/comment-threads").text()).contains("From A, via B");
        String onC = c.client().get("/api/v1/videos/" + uuid + "/comment-threads").text();
        assertThat(onC).contains("From A, via B").contains("\"host\":\"" + Federated.host(a) + "\"");
    }

    @Test
    void a_user_of_c_subscribes_to_b_channel_by_handle() {
        var user = c.admin();
        String handle = "root_channel@" + Federated.host(b);
        var sub = user.postJson("/api/v1/users/me/subscriptions", Map.of("uri", handle));
        assertThat(sub.status()).as(sub.text()).isEqualTo(204);
        Federated.awaitIdle(a, b, c);
        assertThat(user.get("/api/v1/users/me/subscriptions").text()).contains("root_channel").contains(Federated.host(b));
        assertThat(user.get("/api/v1/users/me/subscriptions/videos").text()).contains(uuid);
        assertThat(b.client().get("/video-channels/root_channel/followers", "Accept", "application/activity+json").json().at("/totalItems").asInt())
                .isEqualTo(1);
        assertThat(b.client().get("/api/v1/video-channels/root_channel").json().at("/followersCount").asInt()).as("C's user, on B").isEqualTo(1);
        assertThat(c.client().get("/api/v1/video-channels/" + handle).json().at("/followersCount").asInt()).as("C's user, on C").isEqualTo(1);
        JsonNode found = c.client().get("/api/v1/search/video-channels?search=" + handle).json();
        assertThat(found.at("/data/0/host").asText()).as("a channel C knows is found by its handle").isEqualTo(Federated.host(b));
        assertThat(user.delete("/api/v1/users/me/subscriptions/" + handle).status()).isEqualTo(204);
        Federated.awaitIdle(a, b, c);
        assertThat(b.client().get("/video-channels/root_channel/followers", "Accept", "application/activity+json").json().at("/totalItems").asInt())
                .isZero();
    }
}

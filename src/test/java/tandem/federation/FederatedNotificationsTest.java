package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications across two instances: a user of A subscribed to a channel of B hears of its new
 * video, and of a reply written on B to the comment she left from A; B's owner hears of her comment.
 */
class FederatedNotificationsTest {
    private static TestInstance a;
    private static TestInstance b;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static List<JsonNode> ofType(TestClient who, int type) {
        List<JsonNode> out = new ArrayList<>();
        who.get("/api/v1/users/me/notifications?count=100").json().get("data").forEach(n -> {
            if (n.get("type").asInt() == type) out.add(n);
        });
        return out;
    }

    @Test
    void a_remote_video_and_a_remote_reply_notify_the_local_user() {
        TestClient ana = a.newUser("ana");
        TestClient bAdmin = b.admin();
        var sub = ana.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "root_channel@" + Federated.host(b)));
        assertThat(sub.status()).as(sub.text()).isEqualTo(204);
        Federated.awaitIdle(a, b);

        String uuid = bAdmin.uploaded(TestMedia.clipWithAudio(), "News from B", Map.of("privacy", "1"));
        Federated.awaitIdle(a, b);
        assertThat(ofType(ana, 1)).singleElement().satisfies(n -> {
            assertThat(n.at("/video/uuid").asText()).isEqualTo(uuid);
            assertThat(n.at("/video/channel/host").asText()).isEqualTo(Federated.host(b));
        });

        var mine = ana.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Greetings from A"));
        assertThat(mine.status()).as(mine.text()).isEqualTo(200);
        Federated.awaitIdle(a, b);
        assertThat(ofType(bAdmin, 2)).as("B's owner hears of the remote comment").anySatisfy(n ->
                assertThat(n.at("/comment/account/host").asText()).isEqualTo(Federated.host(a)));

        long onB = bAdmin.get("/api/v1/videos/" + uuid + "/comment-threads").json().at("/data/0/id").asLong();
        var reply = bAdmin.postJson("/api/v1/videos/" + uuid + "/comments/" + onB, Map.of("text", "Welcome, ana"));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        Federated.awaitIdle(a, b);
        assertThat(ofType(ana, 11)).as("the reply written on B").singleElement().satisfies(n -> {
            assertThat(n.at("/comment/account/name").asText()).isEqualTo("root");
            assertThat(n.at("/comment/account/host").asText()).isEqualTo(Federated.host(b));
            assertThat(n.at("/comment/video/uuid").asText()).isEqualTo(uuid);
        });
    }
}

package tandem.video;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Trending" (PeerTube's `-trending` and `-hot`) ranks by the views of the last days, not the lifetime
 * counter: a video watched once today comes before one watched three times a month ago.
 */
class TrendingTest {
    private static TestInstance tandem;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        String old = admin.uploaded(TestMedia.clipWithAudio(), "Popular last month", Map.of());
        String fresh = admin.uploaded(TestMedia.clipWithoutAudio(), "Watched today", Map.of());
        admin.uploaded(TestMedia.clipWithAudio(), "Never watched", Map.of());
        tandem.awaitIdle();
        List<TestClient> viewers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "viewer" + i;
            assertThat(admin.postJson("/api/v1/users", Map.of("username", name, "password", name + "-password",
                    "email", name + "@example.org", "role", 2)).status()).isEqualTo(200);
            viewers.add(tandem.client().login(name, name + "-password"));
        }
        for (TestClient v : viewers) view(v, old);
        tandem.clock().advance(Duration.ofDays(30));
        // a month later the tokens have expired: the first viewer signs in again
        view(tandem.client().login("viewer0", "viewer0-password"), fresh);
    }

    private static void view(TestClient viewer, String uuid) {
        assertThat(viewer.postJson("/api/v1/videos/" + uuid + "/views", Map.of("currentTime", 3)).status()).isEqualTo(204);
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static List<String> names(String sort) {
        List<String> out = new ArrayList<>();
        tandem.client().get("/api/v1/videos?sort=" + sort).json().get("data").forEach(v -> out.add(v.get("name").asText()));
        return out;
    }

    @Test
    void recent_views_rank_above_more_views_a_month_ago() {
        assertThat(names("-views")).as("the lifetime counter still sees the old views").startsWith("Popular last month", "Watched today");
        assertThat(names("-trending")).first().isEqualTo("Watched today");
        assertThat(names("-hot")).first().isEqualTo("Watched today");
        assertThat(names("trending")).last().isEqualTo("Watched today");
    }

    @Test
    void trending_search_and_filters_use_the_same_ranking() {
        List<String> found = new ArrayList<>();
        tandem.client().get("/api/v1/search/videos?search=t&sort=-trending").json().get("data").forEach(v -> found.add(v.get("name").asText()));
        assertThat(found).first().isEqualTo("Watched today");
        List<String> local = new ArrayList<>();
        tandem.client().get("/api/v1/videos?isLocal=true&durationMax=60&sort=-trending").json().get("data")
                .forEach(v -> local.add(v.get("name").asText()));
        assertThat(local).first().isEqualTo("Watched today");
    }
}

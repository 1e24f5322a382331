package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube users paste a video's or channel's URL into the search to bring it in: on B, which follows
 * nothing of A, a signed-in user's search by the URL of A's video fetches it from A and stores it; an
 * anonymous visitor's search answers only from what B stores; a URL that names no video finds nothing.
 * Our own URLs name our own videos and channels.
 */
class SearchByUrlTest {
    private static TestInstance a;
    private static TestInstance b;
    private static Response first;
    private static Response second;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        TestClient adminA = a.admin();
        first = adminA.upload(TestMedia.clipWithAudio(), "Found by its URL", Map.of("privacy", "1"));
        second = adminA.upload(TestMedia.clipWithAudio(), "Not looked up by anyone", Map.of("privacy", "1"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        Federated.awaitIdle(a, b);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void a_signed_in_user_brings_in_a_video_of_an_instance_nobody_follows() {
        String uuid = first.json().at("/video/uuid").asText();
        String url = a.baseUrl() + "/videos/watch/" + uuid;
        assertThat(b.client().get("/api/v1/videos/" + uuid).status()).as("not on B yet").isEqualTo(404);

        JsonNode found = b.admin().get("/api/v1/search/videos?search=" + enc(url)).json();
        assertThat(found.at("/total").asInt()).as(found.toString()).isEqualTo(1);
        assertThat(found.at("/data/0/name").asText()).isEqualTo("Found by its URL");
        assertThat(found.at("/data/0/uuid").asText()).isEqualTo(uuid);
        assertThat(found.at("/data/0/isLocal").asBoolean()).isFalse();
        assertThat(b.client().get("/api/v1/videos/" + uuid).status()).as("stored on B").isEqualTo(200);

        JsonNode again = b.client().get("/api/v1/search/videos?search=" + enc(url)).json();
        assertThat(again.at("/total").asInt()).as("anyone finds what B stores").isEqualTo(1);
        assertThat(again.at("/data/0/uuid").asText()).isEqualTo(uuid);
    }

    @Test
    void an_anonymous_search_fetches_nothing() {
        String uuid = second.json().at("/video/uuid").asText();
        String shortUrl = a.baseUrl() + "/w/" + second.json().at("/video/shortUUID").asText();
        JsonNode found = b.client().get("/api/v1/search/videos?search=" + enc(shortUrl)).json();
        assertThat(found.at("/total").asInt()).as(found.toString()).isZero();
        assertThat(found.at("/data").size()).isZero();
        Federated.awaitIdle(a, b);
        assertThat(b.client().get("/api/v1/videos/" + uuid).status()).as("nothing fetched").isEqualTo(404);
    }

    @Test
    void a_url_that_names_no_video_finds_nothing() {
        TestClient user = b.newUser("searcher");
        JsonNode channel = user.get("/api/v1/search/videos?search=" + enc(a.baseUrl() + "/video-channels/root_channel")).json();
        assertThat(channel.at("/total").asInt()).as(channel.toString()).isZero();
        JsonNode missing = user.get("/api/v1/search/videos?search="
                + enc(a.baseUrl() + "/videos/watch/00000000-0000-4000-8000-000000000000")).json();
        assertThat(missing.at("/total").asInt()).as(missing.toString()).isZero();
        JsonNode unreachable = user.get("/api/v1/search/videos?search=" + enc("http://192.0.2.1/videos/watch/x")).json();
        assertThat(unreachable.at("/total").asInt()).as("an address the policy refuses").isZero();
    }

    @Test
    void our_own_urls_name_our_own_videos_and_channels() {
        String uuid = second.json().at("/video/uuid").asText();
        String shortUrl = a.baseUrl() + "/w/" + second.json().at("/video/shortUUID").asText();
        JsonNode found = a.client().get("/api/v1/search/videos?search=" + enc(shortUrl)).json();
        assertThat(found.at("/total").asInt()).as(found.toString()).isEqualTo(1);
        assertThat(found.at("/data/0/uuid").asText()).isEqualTo(uuid);
        JsonNode byWatch = a.client().get("/api/v1/search/videos?search=" + enc(a.baseUrl() + "/videos/watch/" + uuid + "?start=3")).json();
        assertThat(byWatch.at("/data/0/uuid").asText()).as(byWatch.toString()).isEqualTo(uuid);

        JsonNode channel = a.client().get("/api/v1/search/video-channels?search=" + enc(a.baseUrl() + "/c/root_channel/videos")).json();
        assertThat(channel.at("/total").asInt()).as(channel.toString()).isEqualTo(1);
        assertThat(channel.at("/data/0/name").asText()).isEqualTo("root_channel");
    }

    @Test
    void a_signed_in_user_brings_in_a_channel_by_its_url() {
        a.newUser("carol");
        String url = a.baseUrl() + "/video-channels/carol_channel";
        JsonNode anonymous = b.client().get("/api/v1/search/video-channels?search=" + enc(url)).json();
        assertThat(anonymous.at("/total").asInt()).as(anonymous.toString()).isZero();
        JsonNode found = b.admin().get("/api/v1/search/video-channels?search=" + enc(url)).json();
        assertThat(found.at("/total").asInt()).as(found.toString()).isEqualTo(1);
        assertThat(found.at("/data/0/name").asText()).isEqualTo("carol_channel");
        assertThat(found.at("/data/0/host").asText()).isEqualTo(Federated.host(a));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

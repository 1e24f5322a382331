package tandem.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A pasted watch link becomes our player in an iframe: for public and unlisted videos only, never for another host's URL. */
class OEmbedTest {
    private static final String TITLE = "Tom & \"Jerry\" <b>live</b>";
    private static TestInstance tandem;
    private static TestClient admin;
    private static JsonNode video;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        String uuid = admin.upload(TestMedia.clipWithAudio(), TITLE, Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        video = admin.get("/api/v1/videos/" + uuid).json();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static Response oembed(String url, String extra) {
        return tandem.client().get("/services/oembed?url=" + URLEncoder.encode(url, StandardCharsets.UTF_8) + extra);
    }

    private static String watch(String path) {
        return tandem.baseUrl() + path;
    }

    private static void privacy(int privacy) {
        assertThat(admin.putJson("/api/v1/videos/" + video.get("uuid").asText(), Map.of("privacy", privacy)).status()).isEqualTo(204);
    }

    @Test
    void a_public_watch_url_becomes_an_escaped_iframe_of_the_embed_page() {
        privacy(1);
        String uuid = video.get("uuid").asText();
        Response r = oembed(watch("/videos/watch/" + uuid), "&format=json");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode o = r.json();
        assertThat(o.get("type").asText()).isEqualTo("video");
        assertThat(o.get("version").asText()).isEqualTo("1.0");
        assertThat(o.get("width").asInt()).isEqualTo(560);
        assertThat(o.get("height").asInt()).isEqualTo(315);
        assertThat(o.get("title").asText()).isEqualTo(TITLE);
        String html = o.get("html").asText();
        assertThat(html).startsWith("<iframe ").endsWith("</iframe>")
                .contains("src=\"" + tandem.baseUrl() + "/videos/embed/" + uuid + "\"")
                .contains("width=\"560\" height=\"315\"")
                .contains("title=\"Tom &amp; &quot;Jerry&quot; &lt;b&gt;live&lt;/b&gt;\"")
                .doesNotContain("<b>");
        assertThat(o.get("author_name").asText()).isEqualTo("Main root channel");
        assertThat(o.get("author_url").asText()).isEqualTo(tandem.baseUrl() + "/video-channels/root_channel");
        assertThat(o.get("provider_name").asText()).isEqualTo("Tandem");
        assertThat(o.get("provider_url").asText()).isEqualTo(tandem.baseUrl());
        assertThat(o.get("thumbnail_width").asInt()).isEqualTo(850);
        assertThat(o.get("thumbnail_height").asInt()).isEqualTo(480);
        Response thumbnail = tandem.client().get(o.get("thumbnail_url").asText());
        assertThat(thumbnail.status()).as("the thumbnail is really there").isEqualTo(200);
        assertThat(thumbnail.header("Content-Type")).isEqualTo("image/jpeg");

        JsonNode viaShort = oembed(watch("/w/" + video.get("shortUUID").asText()), "").json();
        assertThat(viaShort.get("html").asText()).as("format defaults to json").isEqualTo(html);
        assertThat(oembed(watch("/videos/watch/" + uuid + "?start=10"), "").status()).isEqualTo(200);
        assertThat(oembed(watch("/videos/watch/" + video.get("id").asLong()), "").status()).isEqualTo(200);
    }

    @Test
    void maxwidth_and_maxheight_only_shrink_the_frame() {
        privacy(1);
        String url = watch("/w/" + video.get("shortUUID").asText());
        JsonNode small = oembed(url, "&maxwidth=300&maxheight=200").json();
        assertThat(small.get("width").asInt()).isEqualTo(300);
        assertThat(small.get("height").asInt()).isEqualTo(200);
        assertThat(small.get("html").asText()).contains("width=\"300\" height=\"200\"");
        JsonNode big = oembed(url, "&maxwidth=4000&maxheight=4000").json();
        assertThat(big.get("width").asInt()).isEqualTo(560);
        assertThat(big.get("height").asInt()).isEqualTo(315);
        for (String bad : new String[] {"&maxwidth=0", "&maxheight=-5", "&maxwidth=wide", "&maxheight=1.5"}) {
            Response r = oembed(url, bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void other_formats_hosts_paths_and_unknown_videos_are_refused_clearly() {
        privacy(1);
        String uuid = video.get("uuid").asText();
        String url = watch("/videos/watch/" + uuid);
        Response xml = oembed(url, "&format=xml");
        assertThat(xml.status()).isEqualTo(501);
        assertThat(xml.json().get("title").asText()).isEqualTo("Not Implemented");
        assertThat(oembed(url, "&format=yaml").status()).isEqualTo(400);
        assertThat(tandem.client().get("/services/oembed").json().get("invalid-params").has("url")).isTrue();
        for (String other : new String[] {"https://evil.example/videos/watch/" + uuid, tandem.baseUrl().replace("localhost", "127.0.0.1")
                + "/videos/watch/" + uuid, "ftp://localhost/videos/watch/" + uuid, "not a url at all", "/videos/watch/" + uuid,
                watch("/videos/watch/playlist/" + uuid), watch("/w/p/" + uuid), watch("/videos/" + uuid), watch("/w/" + uuid + "/extra")}) {
            Response r = oembed(other, "");
            assertThat(r.status()).as(other).isEqualTo(400);
            assertThat(r.json().get("invalid-params").has("url")).as(other).isTrue();
        }
        assertThat(oembed(watch("/videos/watch/" + UUID.randomUUID()), "").status()).isEqualTo(404);
        assertThat(oembed(watch("/videos/watch/999999"), "").status()).isEqualTo(404);
    }

    @Test
    void unlisted_videos_embed_by_uuid_only_and_private_ones_never() {
        privacy(2);
        assertThat(oembed(watch("/videos/watch/" + video.get("uuid").asText()), "").status()).isEqualTo(200);
        assertThat(oembed(watch("/w/" + video.get("shortUUID").asText()), "").status()).isEqualTo(200);
        assertThat(oembed(watch("/videos/watch/" + video.get("id").asLong()), "").status())
                .as("a guessable numeric id does not reveal an unlisted video").isEqualTo(403);
        privacy(3);
        Response hidden = oembed(watch("/videos/watch/" + video.get("uuid").asText()), "");
        assertThat(hidden.status()).isEqualTo(403);
        assertThat(hidden.json().get("detail").asText()).isEqualTo("Video is not publicly available");
        privacy(1);
    }
}

package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Avatars and banners between two Tandems over real HTTP: B follows A's channel, A gives it pictures,
 * the Update of the Group carries `icon` and `image`, and B serves the pictures through its own lazy-static.
 */
class ActorImagesFederationTest {

    @Test
    void a_channels_new_avatar_and_banner_reach_a_follower_and_are_served_through_it() throws IOException {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            String handle = "root_channel@" + Federated.host(a);
            assertThat(b.admin().postJson("/api/v1/users/me/subscriptions", Map.of("uri", handle)).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(b.client().get("/api/v1/video-channels/" + handle).json().path("avatars")).isEmpty();

            Response avatar = a.admin().multipart("POST", "/api/v1/video-channels/root_channel/avatar/pick", Map.of(), "avatarfile",
                    TestMedia.png(400, 400));
            assertThat(avatar.status()).as(avatar.text()).isEqualTo(200);
            Response banner = a.admin().multipart("POST", "/api/v1/video-channels/root_channel/banner/pick", Map.of(), "bannerfile",
                    TestMedia.png(1280, 300));
            assertThat(banner.status()).as(banner.text()).isEqualTo(200);
            Federated.awaitIdle(a, b);

            JsonNode group = a.client().get("/video-channels/root_channel", "Accept", "application/activity+json").json();
            assertThat(group.path("icon")).hasSize(4);
            assertThat(group.at("/icon/0/type").asText()).isEqualTo("Image");
            assertThat(group.at("/icon/0/mediaType").asText()).isEqualTo("image/png");
            assertThat(group.at("/icon/0/url").asText()).startsWith(a.baseUrl() + "/lazy-static/avatars/");
            assertThat(group.at("/image/0/width").asInt()).isEqualTo(1920);
            assertThat(group.at("/image/0/height").asInt()).isEqualTo(317);

            JsonNode seen = b.client().get("/api/v1/video-channels/" + handle).json();
            JsonNode avatars = seen.path("avatars");
            assertThat(avatars).as(seen.toString()).hasSize(4);
            JsonNode small = avatars.get(2);
            assertThat(small.path("width").asInt()).isEqualTo(120);
            assertThat(small.path("fileUrl").asText()).isEqualTo(avatar.json().at("/avatars/2/fileUrl").asText());
            assertThat(small.path("path").asText()).startsWith("/lazy-static/avatars/")
                    .as("B names the copy itself").isNotEqualTo(avatar.json().at("/avatars/2/path").asText());
            assertThat(seen.at("/banners/0/fileUrl").asText()).isEqualTo(banner.json().at("/banners/0/fileUrl").asText());

            // B fetches A's file on first request and serves the same bytes, a second time from its copy.
            Response viaB = b.client().get(small.path("path").asText());
            assertThat(viaB.status()).isEqualTo(200);
            assertThat(viaB.header("Content-Type")).isEqualTo("image/png");
            byte[] original = a.client().get(avatar.json().at("/avatars/2/path").asText()).body();
            assertThat(Arrays.equals(viaB.body(), original)).isTrue();
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(viaB.body()));
            assertThat(img.getWidth()).isEqualTo(120);
            assertThat(b.client().get(small.path("path").asText()).status()).isEqualTo(200);

            // Removed on A: the Update without `icon` empties B's list.
            assertThat(a.admin().delete("/api/v1/video-channels/root_channel/avatar").status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(b.client().get("/api/v1/video-channels/" + handle).json().path("avatars")).isEmpty();
            assertThat(b.client().get("/api/v1/video-channels/" + handle).json().path("banners")).hasSize(2);
        }
    }
}

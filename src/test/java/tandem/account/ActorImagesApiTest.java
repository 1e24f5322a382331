package tandem.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** PeerTube's avatar and banner routes against a real Tandem: ffmpeg-made sizes, served files, refusals that change nothing. */
class ActorImagesApiTest {
    private static TestInstance tandem;
    private static TestClient alice;
    private static TestClient bob;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        alice = tandem.newUser("alice");
        bob = tandem.newUser("bob");
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static BufferedImage served(String path, String type) throws IOException {
        Response r = tandem.client().get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo(type);
        assertThat(r.header("Cache-Control")).contains("max-age=31536000");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(img).as("a decodable picture at " + path).isNotNull();
        return img;
    }

    private static List<String> paths(JsonNode images) {
        List<String> out = new ArrayList<>();
        images.forEach(i -> out.add(i.path("path").asText()));
        return out;
    }

    @Test
    void an_avatar_is_made_in_peertubes_sizes_served_replaced_and_removed() throws IOException {
        Response picked = alice.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", TestMedia.png(640, 360));
        assertThat(picked.status()).as(picked.text()).isEqualTo(200);
        JsonNode avatars = picked.json().path("avatars");
        assertThat(avatars).hasSize(4);
        List<Integer> widths = new ArrayList<>();
        for (JsonNode a : avatars) {
            widths.add(a.path("width").asInt());
            assertThat(a.path("height").asInt()).isEqualTo(a.path("width").asInt());
            assertThat(a.path("path").asText()).matches("/lazy-static/avatars/[0-9a-f-]{36}\\.png");
            assertThat(a.path("fileUrl").asText()).isEqualTo(tandem.baseUrl() + a.path("path").asText());
            assertThat(a.has("createdAt") && a.has("updatedAt")).isTrue();
            BufferedImage img = served(a.path("path").asText(), "image/png");
            assertThat(img.getWidth()).isEqualTo(a.path("width").asInt());
            assertThat(img.getHeight()).isEqualTo(a.path("height").asInt());
        }
        assertThat(widths).containsExactly(1500, 600, 120, 48);
        JsonNode account = tandem.client().get("/api/v1/accounts/alice").json();
        assertThat(paths(account.path("avatars"))).isEqualTo(paths(avatars));
        assertThat(paths(alice.me().path("account").path("avatars"))).isEqualTo(paths(avatars));

        // A text file named .png: refused by name, and the avatar in place stays served.
        Path text = Files.createTempDirectory("avatar").resolve("me.png");
        Files.writeString(text, "this is no picture");
        Response bad = alice.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", text);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("invalid-params").has("avatarfile")).as(bad.text()).isTrue();
        // A PNG header on garbage passes the sniff but not ffmpeg: still a 400, still nothing changed.
        Path broken = Files.createTempDirectory("avatar").resolve("broken.png");
        byte[] junk = new byte[4096];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, junk, 0, 8);
        Files.write(broken, junk);
        Response unreadable = alice.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", broken);
        assertThat(unreadable.status()).as(unreadable.text()).isEqualTo(400);
        // The wrong field name.
        Response wrongField = alice.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "bannerfile", TestMedia.png(640, 360));
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.json().path("invalid-params").has("avatarfile")).as(wrongField.text()).isTrue();
        // Over PeerTube's 4 MB.
        Path big = Files.createTempDirectory("avatar").resolve("big.png");
        byte[] bytes = new byte[5 * 1024 * 1024];
        System.arraycopy(junk, 0, bytes, 0, 8);
        Files.write(big, bytes);
        Response tooBig = alice.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", big);
        assertThat(tooBig.status()).as(tooBig.text()).isEqualTo(413);
        assertThat(paths(tandem.client().get("/api/v1/accounts/alice").json().path("avatars"))).isEqualTo(paths(avatars));
        served(avatars.get(0).path("path").asText(), "image/png");

        // Replacing: new names, the old files are gone.
        Response replaced = alice.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", TestMedia.png(300, 500));
        assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
        for (String old : paths(avatars)) assertThat(tandem.client().get(old).status()).as(old).isEqualTo(404);
        String now = replaced.json().path("avatars").get(2).path("path").asText();
        assertThat(served(now, "image/png").getWidth()).isEqualTo(120);

        Response deleted = alice.delete("/api/v1/users/me/avatar");
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(200);
        assertThat(deleted.json().path("avatars")).isEmpty();
        assertThat(tandem.client().get("/api/v1/accounts/alice").json().path("avatars")).isEmpty();
        assertThat(tandem.client().get(now).status()).isEqualTo(404);
    }

    @Test
    void a_channel_gets_an_avatar_and_a_banner_from_its_owner_only() throws IOException {
        Response foreign = bob.multipart("POST", "/api/v1/video-channels/alice_channel/banner/pick", Map.of(), "bannerfile", TestMedia.png(1280, 400));
        assertThat(foreign.status()).as(foreign.text()).isEqualTo(403);
        assertThat(bob.delete("/api/v1/video-channels/alice_channel/avatar").status()).isEqualTo(403);

        Response banner = alice.multipart("POST", "/api/v1/video-channels/alice_channel/banner/pick", Map.of(), "bannerfile", TestMedia.png(1280, 400));
        assertThat(banner.status()).as(banner.text()).isEqualTo(200);
        JsonNode banners = banner.json().path("banners");
        assertThat(banners).hasSize(2);
        assertThat(banners.get(0).path("path").asText()).startsWith("/lazy-static/banners/");
        BufferedImage big = served(banners.get(0).path("path").asText(), "image/png");
        assertThat(big.getWidth()).isEqualTo(1920);
        assertThat(big.getHeight()).isEqualTo(317);
        Response avatar = alice.multipart("POST", "/api/v1/video-channels/alice_channel/avatar/pick", Map.of(), "avatarfile", TestMedia.png(200, 200));
        assertThat(avatar.status()).as(avatar.text()).isEqualTo(200);

        JsonNode channel = tandem.client().get("/api/v1/video-channels/alice_channel").json();
        assertThat(paths(channel.path("banners"))).isEqualTo(paths(banners));
        assertThat(paths(channel.path("avatars"))).isEqualTo(paths(avatar.json().path("avatars")));

        // An administrator may manage anyone's channel, as on PeerTube.
        assertThat(tandem.admin().delete("/api/v1/video-channels/alice_channel/banner").status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/video-channels/alice_channel").json().path("banners")).isEmpty();
        assertThat(tandem.client().get(banners.get(1).path("path").asText()).status()).isEqualTo(404);
    }

    @Test
    void deleting_a_channel_or_a_user_deletes_their_pictures_files() {
        TestClient carol = tandem.newUser("carol");
        assertThat(carol.postJson("/api/v1/video-channels", Map.of("name", "carol_second", "displayName", "Carol's second")).status())
                .isIn(200, 204);
        Response channelAvatar = carol.multipart("POST", "/api/v1/video-channels/carol_second/avatar/pick", Map.of(), "avatarfile", TestMedia.png(200, 200));
        assertThat(channelAvatar.status()).as(channelAvatar.text()).isEqualTo(200);
        List<String> channelFiles = paths(channelAvatar.json().path("avatars"));
        Response own = carol.multipart("POST", "/api/v1/users/me/avatar/pick", Map.of(), "avatarfile", TestMedia.png(200, 200));
        assertThat(own.status()).isEqualTo(200);
        List<String> ownFiles = paths(own.json().path("avatars"));
        for (String path : channelFiles) assertThat(tandem.client().get(path).status()).isEqualTo(200);
        assertThat(channelFiles).allMatch(ActorImagesApiTest::stored);

        assertThat(carol.delete("/api/v1/video-channels/carol_second").status()).isEqualTo(204);
        for (String path : channelFiles) assertThat(tandem.client().get(path).status()).as("a deleted channel's avatar " + path).isEqualTo(404);
        assertThat(channelFiles).as("the files go with the rows").noneMatch(ActorImagesApiTest::stored);
        for (String path : ownFiles) assertThat(tandem.client().get(path).status()).as("the account's own avatar stays").isEqualTo(200);
        assertThat(ownFiles).allMatch(ActorImagesApiTest::stored);

        long carolId = carol.me().path("id").asLong();
        assertThat(tandem.admin().delete("/api/v1/users/" + carolId).status()).isEqualTo(204);
        for (String path : ownFiles) assertThat(tandem.client().get(path).status()).as("a deleted user's avatar " + path).isEqualTo(404);
        assertThat(ownFiles).noneMatch(ActorImagesApiTest::stored);
    }

    /** Whether the picture's file is still in the instance's local blob store. */
    private static boolean stored(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        try (Stream<Path> files = Files.walk(tandem.dataDir())) {
            return files.anyMatch(f -> f.getFileName().toString().equals(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

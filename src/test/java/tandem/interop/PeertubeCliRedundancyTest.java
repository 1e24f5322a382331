package tandem.interop;

import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `peertube-cli redundancy add/list/remove`, unchanged, manage a Tandem instance's mirror of another instance's video. */
class PeertubeCliRedundancyTest {
    @Test
    void peertube_cli_adds_lists_and_removes_a_mirror() throws Exception {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            var up = a.admin().upload(TestMedia.clipWithAudio(), "Mirrored through the CLI", Map.of("privacy", "1"));
            assertThat(up.status()).as(up.text()).isEqualTo(200);
            String uuid = up.json().at("/video/uuid").asText();
            a.awaitIdle();
            assertThat(b.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            long id = b.client().get("/api/v1/videos/" + uuid).json().get("id").asLong();
            Federated.awaitIdle(a, b);

            Path home = Files.createTempDirectory(b.dataDir(), "cli-home");
            String[] login = {"-u", b.baseUrl(), "-U", "root", "-p", TestInstance.ADMIN_PASSWORD};
            assertThat(PeertubeCliTest.run(home, cli("redundancy", "add", login, "--video", String.valueOf(id))))
                    .contains("exit=0").contains("Video will be duplicated by your instance!");
            b.awaitIdle();
            assertThat(b.client().get("/static/redundancy/hls/" + uuid + "/" + b.client().get("/api/v1/videos/" + uuid).json()
                    .at("/streamingPlaylists/0/playlistUrl").asText().replaceAll(".*/", "")).status()).isEqualTo(200);
            assertThat(PeertubeCliTest.run(home, cli("redundancy", "add", login, "--video", String.valueOf(id))))
                    .contains("This video is already duplicated by your instance.");

            String listed = PeertubeCliTest.run(home, cli("redundancy", "list-my-redundancies", login));
            assertThat(listed).contains("exit=0").contains("Mirrored through the CLI").contains(Federated.host(b));

            assertThat(PeertubeCliTest.run(home, cli("redundancy", "remove", login, "--video", String.valueOf(id))))
                    .contains("exit=0").contains("Video redundancy removed!");
            assertThat(b.admin().get("/api/v1/server/redundancy/videos?target=remote-videos").json().get("total").asInt()).isZero();
            assertThat(PeertubeCliTest.run(home, cli("redundancy", "list-my-redundancies", login))).doesNotContain("Mirrored through the CLI");
        }
    }

    private static String[] cli(String command, String sub, String[] login, String... more) {
        String[] all = new String[2 + login.length + more.length];
        all[0] = command;
        all[1] = sub;
        System.arraycopy(login, 0, all, 2, login.length);
        System.arraycopy(more, 0, all, 2 + login.length, more.length);
        return all;
    }
}

package tandem.interop;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube's official command-line client (npm @peertube/peertube-cli, installed by `./tandem test`
 * into interop/) logs in and uploads unchanged, and the upload becomes a published video.
 */
class PeertubeCliTest {
    private static final Path CLI = Path.of("interop/node_modules/.bin/peertube-cli");

    @Test
    void peertube_cli_logs_in_and_uploads_a_video() throws Exception {
        assertThat(CLI).as("run ./tandem test (it installs the CLI) or `npm install` in interop/").isExecutable();
        try (TestInstance tandem = TestInstance.start()) {
            Path home = Files.createTempDirectory(tandem.dataDir(), "cli-home");
            String url = tandem.baseUrl();
            assertThat(run(home, "auth", "add", "-u", url, "-U", "root", "--password", TestInstance.ADMIN_PASSWORD)).contains("exit=0");
            String out = run(home, "upload", "-u", url, "-U", "root", "-p", TestInstance.ADMIN_PASSWORD,
                    "-f", TestMedia.clipWithAudio().toAbsolutePath().toString(), "-n", "Uploaded by peertube-cli",
                    "-t", "cli,interop", "-d", "sent by the official client", "-C", "root_channel");
            assertThat(out).contains("exit=0").contains("uploaded");
            tandem.awaitIdle();
            TestClient admin = tandem.admin();
            JsonNode list = admin.get("/api/v1/users/me/videos").json();
            assertThat(list.get("total").asInt()).isEqualTo(1);
            JsonNode v = admin.get("/api/v1/videos/" + list.at("/data/0/uuid").asText()).json();
            assertThat(v.get("name").asText()).isEqualTo("Uploaded by peertube-cli");
            assertThat(v.get("description").asText()).isEqualTo("sent by the official client");
            assertThat(v.get("tags").toString()).contains("cli", "interop");
            assertThat(v.at("/state/id").asInt()).isEqualTo(1);
        }
    }

    static String run(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CLI.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("peertube-cli timed out: " + out).isTrue();
        return out + "\nexit=" + p.exitValue();
    }
}

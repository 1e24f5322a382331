package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every odd or broken file a user may upload ends published or in `transcoding-failed` with a
 * readable reason: never a crash, a stuck job or temp files left behind.
 */
class BadInputUploadTest {
    private static TestInstance tandem;
    private static TestClient admin;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("text file named .mp4", (Supplier<Path>) TestMedia::textFileNamedMp4, 7, "not"),
                Arguments.of("zero-byte file", (Supplier<Path>) TestMedia::emptyFile, 7, "empty"),
                Arguments.of("truncated MP4", (Supplier<Path>) TestMedia::truncatedMp4, 7, ""),
                Arguments.of("absurd dimensions", (Supplier<Path>) TestMedia::absurdDimensions, 7, "dimensions"),
                Arguments.of("still image", (Supplier<Path>) TestMedia::pngNamedMp4, 7, "image"),
                Arguments.of("audio only", (Supplier<Path>) TestMedia::audioOnly, 1, null),
                Arguments.of("video without audio", (Supplier<Path>) TestMedia::clipWithoutAudio, 1, null),
                Arguments.of("rotated phone video", (Supplier<Path>) TestMedia::rotatedPhoneClip, 1, null),
                Arguments.of("variable frame rate", (Supplier<Path>) TestMedia::vfrClip, 1, null),
                Arguments.of("10-bit source", (Supplier<Path>) TestMedia::tenBitClip, 1, null),
                Arguments.of("VP9 in WebM", (Supplier<Path>) TestMedia::vp9Webm, 1, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void each_upload_ends_published_or_failed_with_a_reason(String label, Supplier<Path> file, int expectedState, String reasonContains) throws IOException {
        Response up = admin.upload(file.get(), "Case: " + label, Map.of());
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        String uuid = up.json().at("/video/uuid").asText();
        tandem.awaitIdle();
        JsonNode v = admin.get("/api/v1/videos/" + uuid).json();
        assertThat(v.at("/state/id").asInt()).as(label + ": " + v.get("stateReason")).isEqualTo(expectedState);
        if (expectedState == 7) {
            assertThat(v.get("stateReason").asText()).isNotBlank().containsIgnoringCase(reasonContains);
            assertThat(v.at("/streamingPlaylists").size()).isZero();
        } else {
            assertThat(v.at("/streamingPlaylists/0/files").size()).isPositive();
            assertThat(tandem.client().get(v.at("/streamingPlaylists/0/playlistUrl").asText()).status()).isEqualTo(200);
        }
        if ("rotated phone video".equals(label)) {
            JsonNode top = v.at("/streamingPlaylists/0/files/0");
            assertThat(top.get("height").asInt()).isGreaterThan(top.get("width").asInt());
        }
        Path work = tandem.dataDir().resolve("tmp/work");
        if (Files.exists(work)) {
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left.toList()).as("work files left behind").isEmpty();
            }
        }
        // Nothing else was harmed: the instance still serves its API.
        assertThat(tandem.client().get("/api/v1/config").status()).isEqualTo(200);
    }
}

package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Subtitles: WebVTT kept, SRT converted, anything else refused; only the owner manages them. */
class CaptionsTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static String uuid;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        uuid = admin.upload(TestMedia.clipWithAudio(), "Subtitled", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static Path file(String name, String content) throws IOException {
        Path p = Files.createTempDirectory("captions").resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static Response put(TestClient c, String lang, Path file) {
        return c.multipart("PUT", "/api/v1/videos/" + uuid + "/captions/" + lang, Map.of(), "captionfile", file);
    }

    @Test
    void srt_is_served_as_webvtt_and_vtt_as_is() throws IOException {
        assertThat(put(admin, "fr", file("fr.srt", "1\r\n00:00:01,000 --> 00:00:02,500\r\nBonjour\r\n")).status()).isEqualTo(204);
        assertThat(put(admin, "en", file("en.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n")).status()).isEqualTo(204);
        JsonNode list = tandem.client().get("/api/v1/videos/" + uuid + "/captions").json();
        assertThat(list.get("total").asInt()).isEqualTo(2);
        String frPath = list.at("/data/1/captionPath").asText();
        assertThat(list.at("/data/1/language/label").asText()).isEqualTo("French");
        Response fr = tandem.client().get(frPath);
        assertThat(fr.status()).isEqualTo(200);
        assertThat(fr.header("Content-Type")).startsWith("text/vtt");
        assertThat(fr.text()).startsWith("WEBVTT").contains("00:00:01.000 --> 00:00:02.500").contains("Bonjour");
        assertThat(admin.delete("/api/v1/videos/" + uuid + "/captions/en").status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/videos/" + uuid + "/captions").json().get("total").asInt()).isEqualTo(1);
        assertThat(admin.delete("/api/v1/videos/" + uuid + "/captions/en").status()).isEqualTo(404);
    }

    @Test
    void wrong_files_and_strangers_are_refused() throws IOException {
        assertThat(put(admin, "de", file("de.vtt", "this is not a subtitle")).json().get("invalid-params").has("captionfile")).isTrue();
        assertThat(put(admin, "not_a_language", file("x.vtt", "WEBVTT\n")).status()).isEqualTo(400);
        assertThat(admin.postJson("/api/v1/users", Map.of("username", "mallory", "password", "mallory-password",
                "email", "m@example.org", "role", 2)).status()).isEqualTo(200);
        TestClient mallory = tandem.client().login("mallory", "mallory-password");
        assertThat(put(mallory, "es", file("es.vtt", "WEBVTT\n")).status()).isEqualTo(403);
        assertThat(put(tandem.client(), "es", file("es.vtt", "WEBVTT\n")).status()).isEqualTo(401);
        assertThat(tandem.client().get("/api/v1/videos/" + uuid + "/captions").json().toString()).doesNotContain("\"de\"", "\"es\"");
    }
}

package tandem.federation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.federation.signature.LdSignatures;

/**
 * What our actors send carries a linked-data signature that jsonld.js (PeerTube's JSON-LD library)
 * verifies the way PeerTube does, in safe mode: the same canonical form on both sides, every term
 * defined by the contexts. A changed word breaks it.
 */
class LdSignaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONTEXTS = Path.of("src/main/resources/tandem/federation/signature/contexts");

    @Test
    void the_accept_the_video_its_announces_and_a_comment_verify_with_jsonld_js() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            String channel = f.tandem.baseUrl() + "/video-channels/root_channel";
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Follow", f.alice(), channel)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            var up = f.admin.upload(TestMedia.clipWithAudio(), "Signed twice", Map.of("privacy", "1"));
            assertThat(up.status()).isEqualTo(200);
            f.tandem.awaitIdle();
            String uuid = up.json().at("/video/uuid").asText();
            var comment = f.admin.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Signed <b>comment</b>"));
            assertThat(comment.status()).as(comment.text()).isEqualTo(200);
            f.tandem.awaitIdle();
            assertThat(f.admin.delete("/api/v1/videos/" + uuid + "/comments/" + comment.json().at("/comment/id").asText()).status()).isEqualTo(204);
            f.tandem.awaitIdle();

            List<JsonNode> sent = f.fake.received().stream().filter(r -> r.method().equals("POST")).map(FakeRemote.Received::json).toList();
            assertThat(sent).extracting(a -> a.path("type").asText() + " " + a.path("object").path("type").asText())
                    .contains("Accept Follow", "Create Video", "Announce ", "Create Note", "Delete ");
            for (JsonNode activity : sent) {
                JsonNode signature = activity.path("signature");
                assertThat(signature.path("type").asText()).as(activity.toString()).isEqualTo("RsaSignature2017");
                assertThat(signature.path("creator").asText()).isEqualTo(activity.path("actor").asText() + "#main-key");
                JsonNode checked = jsonldJs(activity, publicKeyOf(f, activity.path("actor").asText()));
                assertThat(checked.path("error").isMissingNode()).as(activity.path("type") + ": " + checked).isTrue();
                assertThat(checked.path("verified").asBoolean()).as(activity.path("type") + " verifies").isTrue();
                ObjectNode unsigned = activity.deepCopy();
                unsigned.remove("signature");
                assertThat(LdSignatures.canonical(unsigned)).as("Titanium and jsonld.js agree on the canonical form")
                        .isEqualTo(checked.path("canonicalDocument").asText());
            }

            ObjectNode create = (ObjectNode) sent.stream().filter(a -> a.path("object").path("type").asText().equals("Video")).findFirst().orElseThrow().deepCopy();
            ((ObjectNode) create.path("object")).put("name", "Signed once");
            assertThat(jsonldJs(create, publicKeyOf(f, create.path("actor").asText())).path("verified").asBoolean())
                    .as("a changed title breaks the signature").isFalse();
        }
    }

    private static String publicKeyOf(InboxFixture f, String actorUrl) {
        String path = actorUrl.substring(f.tandem.baseUrl().length());
        return f.tandem.client().get(path, "Accept", "application/activity+json").json().at("/publicKey/publicKeyPem").asText();
    }

    /** interop/ld-signature.mjs on one signed document: its canonical forms and whether it verifies. */
    static JsonNode jsonldJs(JsonNode document, String publicKeyPem) {
        try {
            Process p = new ProcessBuilder("node", Path.of("interop", "ld-signature.mjs").toAbsolutePath().toString(), CONTEXTS.toAbsolutePath().toString())
                    .redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(Map.of("document", document, "publicKeyPem", publicKeyPem)));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String last = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("ld-signature.mjs printed no report:\n" + out));
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

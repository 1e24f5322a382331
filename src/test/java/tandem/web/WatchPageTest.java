package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watch page around the player (interop/browser-watch-page.mjs), in a real Chromium: a video
 * whose description and comments are hostile markdown never runs script and keeps only safe links;
 * a French browser reads its tags, category, licence and language in French; share, subscribe,
 * download and report work; related videos are listed; the comment count matches what is shown;
 * the page fits a phone.
 */
class WatchPageTest {
    private static final String DESCRIPTION = """
            Hello *friends* and **neighbours**: see [our site](https://example.org/about) or [home](/videos/trending).
            Jump to 0:02.

            - one <script>window.pwned = 1</script>
            - two <img src=x onerror="window.pwned = 2">

            [click](JaVaScRiPt:window.pwned=3) [data](data:text/html,<script>window.pwned=4</script>) [x](&#106;avascript:window.pwned=5)
            <javascript:window.pwned=6> ![pixel](https://tracker.example/p.png) https://joinpeertube.org
            """;
    private static final String HOSTILE_COMMENT = "Look at 0:01 <svg onload=\"window.pwned = 7\"></svg> [x](javascript:window.pwned=8) **bold**";
    private static TestInstance tandem;
    private static JsonNode report;
    private static String output;
    private static TestClient viewer;
    private static String uuid;

    @BeforeAll
    static void story() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        uuid = admin.uploaded(TestMedia.clipWithAudio(), "Hostile watch page", Map.of());
        String related = admin.uploaded(TestMedia.clipWithAudio(), "Same tag, related", Map.of());
        tandem.awaitIdle();
        assertThat(admin.putJson("/api/v1/videos/" + uuid, Map.of("description", DESCRIPTION, "tags", List.of("demo", "hostile"),
                "category", 13, "licence", 2, "language", "fr", "downloadEnabled", true)).status()).isEqualTo(204);
        assertThat(admin.putJson("/api/v1/videos/" + related, Map.of("tags", List.of("demo"))).status()).isEqualTo(204);

        viewer = tandem.newUser("viewer");
        long thread = admin.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", HOSTILE_COMMENT)).json().at("/comment/id").asLong();
        viewer.postJson("/api/v1/videos/" + uuid + "/comments/" + thread, Map.of("text", "A reply with a [link](https://example.net)"));
        long gone = viewer.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Deleted soon")).json().at("/comment/id").asLong();
        assertThat(viewer.delete("/api/v1/videos/" + uuid + "/comments/" + gone).status()).isEqualTo(204);
        String shortUuid = admin.get("/api/v1/videos/" + uuid).json().get("shortUUID").asText();

        BrowserScript run = BrowserScript.run(Duration.ofSeconds(180), "browser-watch-page.mjs", tandem.baseUrl(), shortUuid, viewer.token());
        output = run.output();
        report = run.report();
        assertThat(run.exitCode()).as(output).isZero();
    }

    @AfterAll
    static void stop() {
        if (tandem != null) tandem.close();
    }

    @Test
    void hostile_markdown_never_runs_script_and_leaves_no_handlers_or_unsafe_links() {
        for (String at : List.of("/desktop/hostile", "/desktop/hostileAfter", "/phone/hostile")) {
            JsonNode h = report.at(at);
            assertThat(h.get("pwned").isNull()).as(at + " " + output).isTrue();
            assertThat(h.get("pwnedByDialog").isNull()).as(at).isTrue();
            assertThat(h.get("scripts").asInt()).as(at + ": no script, iframe or foreign image in the page").isZero();
            assertThat(h.get("eventAttributes")).as(at).isEmpty();
            assertThat(h.get("dangerousHrefs")).as(at).isEmpty();
            // Hostile text stays on screen as text (escaped); it never becomes an element or a link target.
            assertThat(h.get("descriptionHtml").asText()).doesNotContain("<script", "<img", "href=\"javascript", "href=\"data")
                    .contains("&lt;script&gt;window.pwned = 1&lt;/script&gt;");
        }
        assertThat(report.has("dialogs")).as("no alert() ever opened").isFalse();
        assertThat(report.get("pageErrors")).as(output).isEmpty();
    }

    @Test
    void markdown_renders_and_links_are_clickable_with_rel_attributes() {
        JsonNode d = report.get("desktop");
        assertThat(d.get("emphasis").asInt()).isEqualTo(2);
        assertThat(d.get("listItems").asInt()).isEqualTo(2);
        List<String> external = new ArrayList<>();
        for (JsonNode link : d.get("links")) {
            if (link.get("href").asText().startsWith(tandem.baseUrl())) {
                assertThat(link.get("target").asText()).isEmpty();
                continue;
            }
            external.add(link.get("href").asText());
            assertThat(link.get("rel").asText()).isEqualTo("noopener noreferrer nofollow");
            assertThat(link.get("target").asText()).isEqualTo("_blank");
        }
        // The picture is not loaded: its markdown leaves a plain link to it.
        assertThat(external).containsExactly("https://example.org/about", "https://tracker.example/p.png", "https://joinpeertube.org/");
        assertThat(d.get("timestamps")).extracting(JsonNode::asText).contains("2", "1");
        assertThat(d.at("/afterTimestamp/sameUrl").asBoolean()).as("a timestamp seeks, it does not navigate").isTrue();
    }

    @Test
    void a_french_browser_reads_the_facts_in_french() {
        JsonNode d = report.get("desktop");
        assertThat(d.get("lang").asText()).isEqualTo("fr");
        assertThat(d.at("/facts/category/label").asText()).isEqualTo("Catégorie");
        assertThat(d.at("/facts/category/value").asText()).isEqualTo("Éducation");
        assertThat(d.at("/facts/licence/value").asText()).isEqualTo("Attribution - Partage dans les mêmes conditions");
        assertThat(d.at("/facts/language/label").asText()).isEqualTo("Langue");
        assertThat(d.at("/facts/language/value").asText()).isEqualToIgnoringCase("français");
        assertThat(d.at("/facts/tags/label").asText()).isEqualTo("Mots-clés");
        assertThat(d.get("tagLinks")).extracting(JsonNode::asText).containsExactly("/search?tagsOneOf=demo", "/search?tagsOneOf=hostile");
        assertThat(d.get("meta").asText()).contains("vue").contains("Publiée le");
        assertThat(d.get("relatedHeading").asText()).isEqualTo("Vidéos similaires");
        assertThat(d.at("/buttons/share").asText()).isEqualTo("Partager");
        assertThat(d.at("/buttons/report").asText()).isEqualTo("Signaler");
        assertThat(d.at("/buttons/download").asText()).isEqualTo("Télécharger");
        JsonNode phone = report.get("phone");
        assertThat(phone.at("/facts/category/value").asText()).isEqualTo("Education");
        assertThat(phone.at("/facts/language/value").asText()).isEqualTo("French");
    }

    @Test
    void the_comment_count_equals_the_comments_shown_replies_included() {
        for (String kind : List.of("desktop", "phone")) {
            JsonNode d = report.get(kind);
            assertThat(d.get("commentsShown").asInt()).as(kind).isEqualTo(2);
            assertThat(d.get("commentCount").asInt()).as(kind).isEqualTo(d.get("commentsShown").asInt());
        }
        assertThat(report.at("/desktop/commentHeading").asText()).isEqualTo("2 commentaires");
        assertThat(report.at("/phone/commentHeading").asText()).isEqualTo("2 comments");
    }

    @Test
    void share_gives_the_link_the_embed_code_and_a_qr_code() {
        JsonNode share = report.at("/desktop/share");
        String shortUuid = tandem.admin().get("/api/v1/videos/" + uuid).json().get("shortUUID").asText();
        assertThat(share.get("heading").asText()).isEqualTo("Partager cette vidéo");
        assertThat(share.get("link").asText()).isEqualTo(tandem.baseUrl() + "/w/" + shortUuid);
        assertThat(share.get("linkWithStart").asText()).startsWith(tandem.baseUrl() + "/w/" + shortUuid + "?start=");
        assertThat(share.get("embed").asText()).startsWith("<iframe ").contains("src=\"" + tandem.baseUrl() + "/videos/embed/" + uuid + "\"");
        assertThat(share.at("/qr/tag").asText()).isEqualTo("CANVAS");
        assertThat(share.at("/qr/width").asInt()).isPositive();
    }

    @Test
    void related_videos_subscribe_download_and_report() {
        JsonNode d = report.get("desktop");
        assertThat(d.get("related")).extracting(JsonNode::asText).containsExactly("Same tag, related");
        assertThat(d.at("/subscribed/label").asText()).isEqualTo("Se désabonner");
        assertThat(d.at("/subscribed/count").asText()).isEqualTo("1 abonné");
        JsonNode subscriptions = viewer.get("/api/v1/users/me/subscriptions").json();
        assertThat(subscriptions.get("total").asInt()).isEqualTo(1);
        assertThat(d.get("downloads")).isNotEmpty();
        for (JsonNode file : d.get("downloads")) {
            String href = file.get("href").asText();
            assertThat(href).contains("/download/");
            assertThat(tandem.client().get(href.substring(href.indexOf("/download/"))).status()).as(href).isEqualTo(200);
        }
        assertThat(d.get("reportReasons").asInt()).isEqualTo(8);
        // Either the moderators got it, or the instance said politely that it takes no reports yet.
        assertThat(d.get("reportAnswer").asText()).matches("(?s).*(Merci|ne prend pas encore les signalements).*");
    }

    @Test
    void related_videos_are_a_column_on_a_desktop_and_below_on_a_phone_which_never_scrolls_sideways() {
        JsonNode desktop = report.at("/desktop/layout");
        assertThat(desktop.at("/related/left").asDouble()).isGreaterThanOrEqualTo(desktop.at("/info/right").asDouble());
        JsonNode phone = report.at("/phone/layout");
        assertThat(phone.at("/related/top").asDouble()).isGreaterThanOrEqualTo(phone.at("/comments/bottom").asDouble());
        assertThat(phone.get("scrollWidth").asInt()).isLessThanOrEqualTo(phone.get("viewport").asInt());
        assertThat(report.at("/phone/shareDialog/left").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(report.at("/phone/shareDialog/right").asDouble()).isLessThanOrEqualTo(375);
        assertThat(report.at("/phone/subscribeLabel").asText()).isEqualTo("Subscribe");
    }
}

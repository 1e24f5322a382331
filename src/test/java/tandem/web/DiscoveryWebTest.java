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
 * A subscriber finds videos in a real headless Chromium at phone size (interop/browser-discovery.mjs):
 * the home page's sections, the search filters, a tag page, a category page, the 404 page; and a French
 * browser reads those pages in French.
 */
class DiscoveryWebTest {
    private static TestInstance tandem;
    private static JsonNode story;
    private static String output;

    @BeforeAll
    static void runTheStory() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        admin.uploaded(TestMedia.clipWithAudio(), "Jazz evening", Map.of("language", "fr", "category", "1", "tags[0]", "jazz"));
        admin.uploaded(TestMedia.clipWithoutAudio(), "Garden tour", Map.of("language", "en", "category", "15"));
        admin.uploaded(TestMedia.longClip(), "Long lecture", Map.of("language", "fr"));
        assertThat(admin.postJson("/api/v1/users", Map.of("username", "fan", "password", "fan-password",
                "email", "fan@example.org", "role", 2)).status()).isEqualTo(200);
        TestClient fan = tandem.client().login("fan", "fan-password");
        assertThat(fan.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "root_channel@" + tandem.baseUrl().substring(7))).status())
                .isEqualTo(204);
        tandem.awaitIdle();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(180), Map.of("TANDEM_ACCESS_TOKEN", fan.token()),
                "browser-discovery.mjs", tandem.baseUrl());
        output = run.output();
        story = run.report();
        assertThat(story.has("failed")).as(output).isFalse();
        assertThat(run.exitCode()).as(output).isZero();
    }

    @AfterAll
    static void stop() {
        if (tandem != null) tandem.close();
    }

    private static List<String> texts(String pointer) {
        List<String> out = new ArrayList<>();
        story.at(pointer).forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void home_shows_each_section_with_a_see_all_link() {
        JsonNode sections = story.at("/home/sections");
        assertThat(sections.has("section-subscriptions")).as("a subscriber sees their subscriptions' row: " + sections).isTrue();
        assertThat(texts("/home/sections/section-subscriptions/videos")).containsExactlyInAnyOrder("Jazz evening", "Garden tour", "Long lecture");
        assertThat(texts("/home/sections/section-recent/videos")).containsExactlyInAnyOrder("Long lecture", "Garden tour", "Jazz evening");
        assertThat(sections.at("/section-trending/seeAll").asText()).isEqualTo("/videos/browse?sort=-trending");
        assertThat(sections.at("/section-local/seeAll").asText()).isEqualTo("/videos/browse?scope=local");
        assertThat(story.at("/home/card").asText()).as("plural of no views").contains("0 views");
        assertThat(story.at("/seeAll/title").asText()).isEqualTo("Trending");
        assertThat(texts("/seeAll/videos")).hasSize(3);
    }

    @Test
    void the_search_filters_narrow_the_results() {
        assertThat(texts("/search/all")).containsExactlyInAnyOrder("Long lecture", "Garden tour", "Jazz evening");
        assertThat(texts("/search/french")).containsExactlyInAnyOrder("Long lecture", "Jazz evening");
        assertThat(texts("/search/frenchMusic")).containsExactly("Jazz evening");
        assertThat(story.at("/search/heading").asText()).isEqualTo("1 result");
        assertThat(texts("/search/long")).as("none lasts over 10 minutes").isEmpty();
        assertThat(story.at("/search/longHeading").asText()).isEqualTo("0 results");
        assertThat(texts("/search/byText")).containsExactly("Jazz evening");
    }

    @Test
    void tag_and_category_pages_list_their_videos() {
        assertThat(story.at("/tag/title").asText()).isEqualTo("Videos tagged jazz");
        assertThat(texts("/tag/videos")).containsExactly("Jazz evening");
        assertThat(story.at("/category/title").asText()).isEqualTo("Category: Music");
        assertThat(texts("/category/videos")).containsExactly("Jazz evening");
    }

    @Test
    void an_unknown_page_is_a_404_with_a_search_box_and_the_way_home() {
        assertThat(story.at("/notFound/status").asInt()).isEqualTo(404);
        assertThat(story.at("/notFound/title").asText()).isEqualTo("Page not found");
        assertThat(story.at("/notFound/home").asText()).isEqualTo("/");
        assertThat(texts("/notFound/found")).containsExactly("Garden tour");
    }

    @Test
    void a_french_browser_reads_french() {
        assertThat(texts("/french/sections")).contains("Vidéos récentes", "Tendances");
        assertThat(story.at("/french/card").asText()).contains("0 vue").doesNotContain("vues");
        assertThat(story.at("/french/category").asText()).isEqualTo("Catégorie\u00a0: Musique");
        assertThat(story.at("/french/sortLabel").asText()).isEqualTo("Trier par");
        assertThat(story.at("/french/heading").asText()).isEqualTo("1 résultat pour «\u00a0jazz\u00a0»");
        assertThat(story.at("/french/notFound").asText()).isEqualTo("Page introuvable");
        assertThat(story.at("/french/errors")).isEmpty();
        assertThat(story.get("pageErrors")).as("no page had a script error").isEmpty();
    }
}

package tandem.video;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube's filters of the video lists and the search: published dates, originally-published dates,
 * duration, language, search target; bad values are a 400 that names the field.
 */
class VideoFiltersTest {
    private static TestInstance tandem;
    private static TestClient anon;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        anon = tandem.client();
        admin.uploaded(TestMedia.clipWithAudio(), "Jazz evening", Map.of("language", "fr", "category", "1", "tags[0]", "jazz",
                "originallyPublishedAt", "2019-05-01T10:00:00.000Z"));
        admin.uploaded(TestMedia.clipWithoutAudio(), "Garden tour", Map.of("language", "en", "category", "15"));
        admin.uploaded(TestMedia.longClip(), "Long lecture", Map.of());
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static List<String> names(String path) {
        Response r = anon.get(path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.json().get("data").forEach(v -> out.add(v.get("name").asText()));
        assertThat(r.json().get("total").asInt()).as("the total counts the same filters: " + path).isEqualTo(out.size());
        return out;
    }

    @Test
    void duration_keeps_short_or_long_videos_in_lists_and_search() {
        assertThat(names("/api/v1/videos?durationMin=10")).containsExactly("Long lecture");
        assertThat(names("/api/v1/videos?durationMax=5")).containsExactlyInAnyOrder("Jazz evening", "Garden tour");
        assertThat(names("/api/v1/search/videos?search=lecture&durationMax=5")).isEmpty();
        assertThat(names("/api/v1/search/videos?search=lecture&durationMin=30&durationMax=60")).containsExactly("Long lecture");
    }

    @Test
    void language_picks_codes_and_unknown_means_none_set() {
        assertThat(names("/api/v1/videos?languageOneOf=fr")).containsExactly("Jazz evening");
        assertThat(names("/api/v1/videos?languageOneOf=fr&languageOneOf=en")).containsExactlyInAnyOrder("Jazz evening", "Garden tour");
        assertThat(names("/api/v1/videos?languageOneOf%5B%5D=_unknown")).containsExactly("Long lecture");
        assertThat(names("/api/v1/search/videos?languageOneOf=en&categoryOneOf=15")).containsExactly("Garden tour");
        assertThat(names("/api/v1/search/videos?languageOneOf=en&categoryOneOf=1")).isEmpty();
    }

    @Test
    void published_dates_bound_the_list_inclusively() {
        JsonNode all = anon.get("/api/v1/videos?sort=publishedAt&count=10").json().get("data");
        Instant first = Instant.parse(all.get(0).get("publishedAt").asText());
        Instant last = Instant.parse(all.get(2).get("publishedAt").asText());
        assertThat(names("/api/v1/videos?startDate=" + q(first.toString()))).hasSize(3);
        assertThat(names("/api/v1/videos?startDate=" + q(last.plusMillis(1).toString()))).isEmpty();
        assertThat(names("/api/v1/videos?endDate=" + q(first.minusMillis(1).toString()))).isEmpty();
        assertThat(names("/api/v1/search/videos?endDate=" + q(last.toString()))).hasSize(3);
        // A plain date means that whole UTC day.
        String day = first.atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(names("/api/v1/videos?startDate=" + day + "&endDate=" + last.atZone(ZoneOffset.UTC).toLocalDate())).hasSize(3);
        assertThat(names("/api/v1/videos?endDate=" + first.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1))).isEmpty();
    }

    @Test
    void originally_published_dates_filter_on_the_first_publication() {
        assertThat(names("/api/v1/search/videos?originallyPublishedStartDate=2019-01-01&originallyPublishedEndDate=2019-12-31"))
                .containsExactly("Jazz evening");
        assertThat(names("/api/v1/videos?originallyPublishedEndDate=2019-04-30")).isEmpty();
    }

    @Test
    void bad_values_are_refused_with_the_field_named() {
        for (String[] bad : new String[][] {{"startDate=yesterday", "startDate"}, {"endDate=2024-13-45", "endDate"},
                {"durationMin=-1", "durationMin"}, {"durationMax=long", "durationMax"}, {"durationMin=60&durationMax=10", "durationMax"},
                {"originallyPublishedStartDate=x", "originallyPublishedStartDate"}}) {
            Response r = anon.get("/api/v1/videos?" + bad[0]);
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.json().has("invalid-params") ? r.json().get("invalid-params").has(bad[1]) : r.text().contains(bad[1])).as(r.text()).isTrue();
        }
        assertThat(anon.get("/api/v1/search/videos?search=jazz&searchTarget=everywhere").status()).isEqualTo(400);
        assertThat(names("/api/v1/search/videos?search=jazz&searchTarget=local")).containsExactly("Jazz evening");
        assertThat(names("/api/v1/search/videos?search=jazz&searchTarget=search-index")).containsExactly("Jazz evening");
    }

    @Test
    void a_tag_alone_lists_its_videos() {
        assertThat(names("/api/v1/search/videos?tagsOneOf=JAZZ")).containsExactly("Jazz evening");
        assertThat(names("/api/v1/videos?tagsOneOf=jazz&sort=-publishedAt")).containsExactly("Jazz evening");
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

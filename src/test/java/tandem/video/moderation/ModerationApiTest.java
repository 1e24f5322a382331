package tandem.video.moderation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube's moderation API on one real instance: abuse reports (validation, who may do what, the
 * moderator's decision seen by the reporter), the video blocklist (a blocked video leaves a second
 * user's lists and search, its owner still opens it), the moderators' comment list, and one user's
 * mutes (the muted account's videos and comments are gone for that user only).
 */
class ModerationApiTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient uploader;
    private static TestClient viewer;
    private static TestClient other;
    private static String uuid;
    private static long videoId;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        uploader = tandem.newUser("uploader");
        viewer = tandem.newUser("viewer");
        other = tandem.newUser("other");
        uuid = uploader.uploaded(TestMedia.clipWithAudio(), "Questionable cooking", Map.of("privacy", "1"));
        tandem.awaitIdle();
        videoId = uploader.get("/api/v1/videos/" + uuid).json().path("id").asLong();
        assertThat(uploader.postJson("/api/v1/videos/" + uuid + "/comment-threads", Map.of("text", "Buy cheap pans at my shop")).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void a_report_is_validated_then_decided_by_a_moderator_and_its_reporter_sees_the_decision() {
        Response anonymous = tandem.client().postJson("/api/v1/abuses", Map.of("reason", "Spam", "video", Map.of("id", uuid)));
        assertThat(anonymous.status()).isEqualTo(401);
        Response noReason = viewer.postJson("/api/v1/abuses", Map.of("video", Map.of("id", uuid)));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("invalid-params").has("reason")).isTrue();
        Response noTarget = viewer.postJson("/api/v1/abuses", Map.of("reason", "Spam"));
        assertThat(noTarget.status()).isEqualTo(400);
        assertThat(noTarget.json().path("invalid-params").has("video")).isTrue();
        Response badReason = viewer.postJson("/api/v1/abuses", Map.of("reason", "Spam", "predefinedReasons", List.of("boring"), "video", Map.of("id", uuid)));
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.json().path("invalid-params").has("predefinedReasons")).isTrue();
        assertThat(viewer.postJson("/api/v1/abuses", Map.of("reason", "Spam", "video", Map.of("id", "00000000-0000-4000-8000-000000000000"))).status())
                .isEqualTo(404);

        Response made = viewer.postJson("/api/v1/abuses", Map.of("reason", "This is an advert", "predefinedReasons", List.of("spamOrMisleading"),
                "video", Map.of("id", uuid, "startAt", 1, "endAt", 3)));
        assertThat(made.status()).as(made.text()).isEqualTo(200);
        long id = made.json().at("/abuse/id").asLong();

        assertThat(viewer.get("/api/v1/abuses").status()).as("a plain user does not read reports").isEqualTo(403);
        assertThat(tandem.client().get("/api/v1/abuses").status()).isEqualTo(401);
        JsonNode pending = admin.get("/api/v1/abuses?state=1").json();
        JsonNode abuse = find(pending, id);
        assertThat(abuse.at("/reason").asText()).isEqualTo("This is an advert");
        assertThat(abuse.at("/predefinedReasons/0").asText()).isEqualTo("spamOrMisleading");
        assertThat(abuse.at("/reporterAccount/name").asText()).isEqualTo("viewer");
        assertThat(abuse.at("/flaggedAccount/name").asText()).isEqualTo("uploader");
        assertThat(abuse.at("/video/uuid").asText()).isEqualTo(uuid);
        assertThat(abuse.at("/video/name").asText()).isEqualTo("Questionable cooking");
        assertThat(abuse.at("/video/startAt").asInt()).isEqualTo(1);
        assertThat(abuse.at("/state/id").asInt()).isEqualTo(1);

        assertThat(admin.putJson("/api/v1/abuses/" + id, Map.of("state", 7)).json().path("invalid-params").has("state")).isTrue();
        assertThat(viewer.putJson("/api/v1/abuses/" + id, Map.of("state", 3)).status()).isEqualTo(403);
        assertThat(admin.putJson("/api/v1/abuses/" + id, Map.of("state", 3, "moderationComment", "Removed the advert")).status()).isEqualTo(204);
        assertThat(find(admin.get("/api/v1/abuses?state=3").json(), id).at("/moderationComment").asText()).isEqualTo("Removed the advert");
        assertThat(admin.get("/api/v1/abuses?state=1").json().path("data").findValues("id")).extracting(JsonNode::asLong).doesNotContain(id);

        JsonNode mine = viewer.get("/api/v1/users/me/abuses").json();
        assertThat(find(mine, id).at("/state/label").asText()).isEqualTo("Accepted");
        assertThat(tandem.newUser("bystander").get("/api/v1/users/me/abuses").json().path("total").asInt()).as("only the reporter's own").isZero();

        assertThat(admin.delete("/api/v1/abuses/" + id).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/abuses/" + id).status()).isEqualTo(404);
    }

    @Test
    void a_comment_and_an_account_can_be_reported_but_not_ones_own_account() {
        long commentId = admin.get("/api/v1/videos/" + uuid + "/comment-threads").json().at("/data/0/id").asLong();
        Response comment = other.postJson("/api/v1/abuses", Map.of("reason", "Spam in comments", "comment", Map.of("id", commentId)));
        assertThat(comment.status()).as(comment.text()).isEqualTo(200);
        JsonNode abuse = find(admin.get("/api/v1/abuses").json(), comment.json().at("/abuse/id").asLong());
        assertThat(abuse.at("/comment/text").asText()).isEqualTo("Buy cheap pans at my shop");
        assertThat(abuse.at("/flaggedAccount/name").asText()).isEqualTo("uploader");
        assertThat(admin.get("/api/v1/abuses?filter=comment").json().path("data").findValues("comment")).allMatch(c -> c.has("text"));
        assertThat(admin.get("/api/v1/abuses?filter=video").json().path("data").findValues("comment")).allMatch(JsonNode::isNull);
        assertThat(admin.get("/api/v1/abuses?filter=everything").json().path("invalid-params").has("filter")).isTrue();

        long uploaderAccount = uploader.me().at("/account/id").asLong();
        assertThat(other.postJson("/api/v1/abuses", Map.of("reason", "Spammer", "account", Map.of("id", uploaderAccount))).status()).isEqualTo(200);
        assertThat(uploader.postJson("/api/v1/abuses", Map.of("reason", "Me", "account", Map.of("id", uploaderAccount))).status()).isEqualTo(400);
        assertThat(other.postJson("/api/v1/abuses", Map.of("reason", "Spam", "comment", Map.of("id", "x"))).json().path("invalid-params")
                .has("comment.id")).isTrue();
    }

    @Test
    void a_blocked_video_leaves_a_second_users_lists_and_search_but_its_owner_still_opens_it() {
        String other2 = uploader.uploaded(TestMedia.clipWithAudio(), "Blocked soon", Map.of("privacy", "1"));
        tandem.awaitIdle();
        long before = other.get("/api/v1/videos").json().path("total").asLong();
        assertThat(names(other.get("/api/v1/videos"))).contains("Blocked soon");

        assertThat(viewer.postJson("/api/v1/videos/" + other2 + "/blacklist", Map.of("reason", "No")).status()).isEqualTo(403);
        assertThat(admin.postJson("/api/v1/videos/" + other2 + "/blacklist", Map.of("reason", "x")).json().path("invalid-params").has("reason")).isTrue();
        assertThat(admin.postJson("/api/v1/videos/" + other2 + "/blacklist", Map.of("reason", "Copyright claim", "unfederate", true)).status())
                .isEqualTo(204);
        assertThat(admin.postJson("/api/v1/videos/" + other2 + "/blacklist", Map.of()).status()).isEqualTo(409);

        Response list = other.get("/api/v1/videos");
        assertThat(names(list)).doesNotContain("Blocked soon");
        assertThat(list.json().path("total").asLong()).as("the total follows").isEqualTo(before - 1);
        assertThat(names(other.get("/api/v1/search/videos?search=blocked"))).doesNotContain("Blocked soon");
        assertThat(names(tandem.client().get("/api/v1/videos"))).doesNotContain("Blocked soon");
        Response watch = other.get("/api/v1/videos/" + other2);
        assertThat(watch.status()).isEqualTo(403);
        assertThat(watch.text()).contains("blocked");
        JsonNode own = uploader.get("/api/v1/videos/" + other2).json();
        assertThat(own.path("blacklisted").asBoolean()).isTrue();
        assertThat(own.path("blacklistedReason").asText()).isEqualTo("Copyright claim");
        assertThat(names(uploader.get("/api/v1/users/me/videos"))).as("the owner's own list keeps it").contains("Blocked soon");

        assertThat(viewer.get("/api/v1/videos/blacklist").status()).isEqualTo(403);
        JsonNode blocked = admin.get("/api/v1/videos/blacklist").json();
        assertThat(blocked.at("/data/0/video/uuid").asText()).isEqualTo(other2);
        assertThat(blocked.at("/data/0/reason").asText()).isEqualTo("Copyright claim");

        assertThat(admin.delete("/api/v1/videos/" + other2 + "/blacklist").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/videos/" + other2 + "/blacklist").status()).isEqualTo(404);
        assertThat(names(other.get("/api/v1/videos"))).contains("Blocked soon");
        assertThat(other.get("/api/v1/videos/" + other2).status()).isEqualTo(200);
    }

    @Test
    void a_muted_accounts_videos_and_comments_are_hidden_for_the_muter_only() {
        assertThat(viewer.postJson("/api/v1/users/me/blocklist/accounts", Map.of()).json().path("invalid-params").has("accountName")).isTrue();
        assertThat(tandem.client().postJson("/api/v1/users/me/blocklist/accounts", Map.of("accountName", "uploader")).status()).isEqualTo(401);
        assertThat(viewer.postJson("/api/v1/users/me/blocklist/accounts", Map.of("accountName", "uploader")).status()).isEqualTo(204);
        assertThat(viewer.get("/api/v1/users/me/blocklist/accounts").json().at("/data/0/blockedAccount/name").asText()).isEqualTo("uploader");

        assertThat(names(viewer.get("/api/v1/videos"))).doesNotContain("Questionable cooking");
        assertThat(viewer.get("/api/v1/videos").json().path("total").asLong()).isZero();
        assertThat(names(other.get("/api/v1/videos"))).contains("Questionable cooking");
        assertThat(viewer.get("/api/v1/videos/" + uuid + "/comment-threads").json().path("total").asInt()).isZero();
        assertThat(other.get("/api/v1/videos/" + uuid + "/comment-threads").json().path("total").asInt()).isEqualTo(1);

        assertThat(viewer.postJson("/api/v1/users/me/blocklist/servers", Map.of("host", "not a host")).json().path("invalid-params").has("host")).isTrue();
        assertThat(viewer.postJson("/api/v1/users/me/blocklist/servers", Map.of("host", "spam.example")).status()).isEqualTo(204);
        assertThat(viewer.get("/api/v1/users/me/blocklist/servers").json().at("/data/0/blockedServer/host").asText()).isEqualTo("spam.example");
        assertThat(viewer.delete("/api/v1/users/me/blocklist/servers/spam.example").status()).isEqualTo(204);

        assertThat(viewer.delete("/api/v1/users/me/blocklist/accounts/uploader").status()).isEqualTo(204);
        assertThat(names(viewer.get("/api/v1/videos"))).contains("Questionable cooking");
        assertThat(viewer.get("/api/v1/videos/" + uuid + "/comment-threads").json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void moderators_list_every_comment_with_filters() {
        assertThat(viewer.get("/api/v1/videos/comments").status()).isEqualTo(403);
        JsonNode all = admin.get("/api/v1/videos/comments?search=cheap%20pans").json();
        assertThat(all.path("total").asInt()).isEqualTo(1);
        assertThat(all.at("/data/0/video/uuid").asText()).isEqualTo(uuid);
        assertThat(all.at("/data/0/account/name").asText()).isEqualTo("uploader");
        assertThat(admin.get("/api/v1/videos/comments?searchVideo=cooking&isLocal=true").json().path("total").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/videos/comments?isLocal=false").json().path("total").asInt()).isZero();
        assertThat(admin.get("/api/v1/videos/comments?searchAccount=nobody").json().path("total").asInt()).isZero();
    }

    private static JsonNode find(JsonNode page, long id) {
        for (JsonNode a : page.path("data")) if (a.path("id").asLong() == id) return a;
        throw new AssertionError("abuse " + id + " not in " + page);
    }

    private static List<String> names(Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().path("data").findValues("name").stream().map(JsonNode::asText).toList();
    }
}

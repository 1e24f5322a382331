package tandem.federation;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tandem.job.Job;
import tandem.p2p.Infohashes;
import tandem.job.PermanentJobFailure;
import tandem.video.Video;
import tandem.video.VideoFile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tandem.federation.Fixtures.HLS_DIR;
import static tandem.federation.Fixtures.WEB_DIR;
import static tandem.federation.Fixtures.OUR_VIDEO;
import static tandem.federation.Fixtures.VIDEO;
import static tandem.federation.Fixtures.json;
import tandem.federation.actor.Actor;
import tandem.federation.actor.ObjectFetcher;
import tandem.federation.actor.RemoteActors;
import tandem.federation.document.CommentToAs;
import tandem.federation.document.VideoToAs;
import tandem.federation.inbox.CommentActivities;
import tandem.federation.inbox.InboxJob;
import tandem.federation.inbox.CacheFileActivities;
import tandem.federation.inbox.CacheFileSink;
import tandem.federation.inbox.InboxProcessor;
import tandem.federation.inbox.InboxStore;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.AsToCacheFile;
import tandem.federation.vocab.AsToVideo;
import tandem.federation.vocab.CacheFile;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.RemoteVideo;

/**
 * PeerTube- and Mastodon-shaped documents, written from the interop notes, go through our real
 * parsers: what we keep is asserted field by field, and each altered copy a remote server must not
 * get away with is refused with a reason that names the problem.
 */
class FixturesTest {
    private static final Instant NOW = Instant.parse("2025-03-16T12:00:00Z");
    /** parse() reads only the clock: the store, HTTP client and signers are for fetching, which these tests do not do. */
    private final RemoteActors actors = new RemoteActors(null, null, null, null, null, null, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void peertube_video_keeps_what_we_store_and_play() {
        RemoteVideo v = AsToVideo.parse(json("peertube/video.json"));
        assertThat(v.url()).isEqualTo(VIDEO);
        assertThat(v.uuid()).isEqualTo("8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c");
        assertThat(v.name()).isEqualTo("Sourdough in 3 minutes");
        assertThat(v.duration()).isEqualTo(187);
        assertThat(v.description()).startsWith("Levain, flour").contains("**Bake**");
        assertThat(v.support()).isEqualTo("Buy me flour: https://example.org/tip");
        assertThat(v.category()).isEqualTo(15);
        assertThat(v.licence()).isEqualTo(2);
        assertThat(v.language()).isEqualTo("fr");
        assertThat(v.tags()).containsExactly("bread", "sourdough");
        assertThat(v.views()).isEqualTo(1234);
        assertThat(v.published()).isEqualTo(Instant.parse("2025-03-14T09:26:53.589Z").toEpochMilli());
        assertThat(v.updated()).isEqualTo(Instant.parse("2025-03-15T18:02:11.004Z").toEpochMilli());
        assertThat(v.originallyPublished()).isNull();
        assertThat(v.commentsPolicy()).isEqualTo(1);
        assertThat(v.downloadEnabled()).isTrue();
        assertThat(v.nsfw()).isFalse();
        assertThat(v.aspectRatio()).isEqualTo(1.7778);
        assertThat(v.playlistUrl()).isEqualTo(HLS_DIR + "0d1e2f3a-master.m3u8");
        assertThat(v.sha256Url()).isEqualTo(HLS_DIR + "0d1e2f3a-segments-sha256.json");
        assertThat(v.infohashes()).containsExactly("3a5f0b3c9d4e1f2a6b7c8d9e0f1a2b3c4d5e6f70",
                "b1c2d3e4f5a60718293a4b5c6d7e8f9012345678", "0f9e8d7c6b5a49382716051423324150667788aa");
        assertThat(v.trackers()).as("both, as the API lists them: players keep the websocket one, torrent clients the other")
                .containsExactly("https://peertube.example/tracker/announce", "wss://peertube.example:443/tracker/socket");
        assertThat(v.thumbnailUrl()).isEqualTo("https://peertube.example/lazy-static/thumbnails/5e1f0a9b-2c3d-4e5f-8a9b-0c1d2e3f4a5b.jpg");
        assertThat(v.previewUrl()).as("the larger icon").isEqualTo("https://peertube.example/lazy-static/previews/6f2a1b0c-3d4e-4f5a-9b0c-1d2e3f4a5b6c.jpg");
        assertThat(v.ownerUrl()).isEqualTo("https://peertube.example/accounts/marie");
        assertThat(v.channelUrl()).isEqualTo("https://peertube.example/video-channels/marie_bakes");
        assertThat(v.likesUrl()).isEqualTo(VIDEO + "/likes");
        assertThat(v.dislikesUrl()).isEqualTo(VIDEO + "/dislikes");
        assertThat(v.files()).as("the HLS renditions, from the playlist link's tags").containsExactly(
                new RemoteVideo.File(720, 1280, 720, 30, 20971520, HLS_DIR + "1a2b3c4d-720-fragmented.mp4", false, true),
                new RemoteVideo.File(480, 854, 480, 30, 9123456, HLS_DIR + "2b3c4d5e-480-fragmented.mp4", false, true),
                new RemoteVideo.File(0, 0, 0, 0, 2998272, HLS_DIR + "3c4d5e6f-0-fragmented.mp4", true, false));
        // The web-video MP4s too (metadata and torrent links are skipped): an origin without HLS plays from them.
        assertThat(v.webFiles()).containsExactly(
                new RemoteVideo.File(720, 1280, 720, 30, 21474836, WEB_DIR + "8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c-720.mp4", true, true),
                new RemoteVideo.File(480, 854, 480, 30, 9437184, WEB_DIR + "8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c-480.mp4", true, true));
    }

    @Test
    void a_peertube_video_without_hls_keeps_its_web_video_files() {
        ObjectNode o = json("peertube/video.json");
        var links = (com.fasterxml.jackson.databind.node.ArrayNode) o.get("url");
        for (int i = links.size() - 1; i >= 0; i--) {
            if ("application/x-mpegURL".equals(links.get(i).path("mediaType").asText())) links.remove(i);
        }
        RemoteVideo v = AsToVideo.parse(o);
        assertThat(v.playlistUrl()).isNull();
        assertThat(v.files()).isEmpty();
        assertThat(v.webFiles()).extracting(RemoteVideo.File::resolution).containsExactly(720, 480);
    }

    @Test
    void videos_a_peertube_instance_would_refuse_are_refused_with_the_reason() {
        rejectedVideo(v -> ((ArrayNode) v.get("attributedTo")).remove(1), "no Group (channel) in attributedTo");
        rejectedVideo(v -> ((ObjectNode) v.get("attributedTo").get(1)).put("id", "https://evil.example/video-channels/marie_bakes"),
                "is attributed to https://evil.example/video-channels/marie_bakes, another host");
        rejectedVideo(v -> v.get("icon").forEach(i -> ((ObjectNode) i).put("mediaType", "image/png")), "no valid JPEG icon");
        rejectedVideo(v -> v.put("name", "ab"), "name must have 3 to 120 characters");
        rejectedVideo(v -> v.put("duration", "10"), "duration must look like PT<seconds>S");
    }

    @Test
    void icons_are_picked_as_peertube_picks_them_whatever_their_order() {
        ObjectNode o = json("peertube/video.json");
        ArrayNode icons = (ArrayNode) o.get("icon");
        icons.insert(0, icons.remove(1));
        icons.addObject().put("type", "Image").put("mediaType", "image/jpeg").put("width", 120).put("height", 67).put("url", "https://peertube.example/tiny.jpg");
        RemoteVideo v = AsToVideo.parse(o);
        assertThat(v.thumbnailUrl()).as("the smallest wider than 150").endsWith("/thumbnails/5e1f0a9b-2c3d-4e5f-8a9b-0c1d2e3f4a5b.jpg");
        assertThat(v.previewUrl()).as("the largest wider than 400").endsWith("/previews/6f2a1b0c-3d4e-4f5a-9b0c-1d2e3f4a5b6c.jpg");
        icons.remove(0);
        assertThat(AsToVideo.parse(o).previewUrl()).as("no icon large enough: no preview").isNull();
    }

    private static void rejectedVideo(Consumer<ObjectNode> change, String reason) {
        ObjectNode v = json("peertube/video.json");
        change.accept(v);
        assertThatThrownBy(() -> AsToVideo.parse(v)).isInstanceOf(FederationException.class).hasMessageContaining(reason);
    }

    @Test
    void peertube_and_mastodon_actors_are_read() {
        Actor person = actors.parse(json("peertube/person.json"));
        assertThat(person.type()).isEqualTo("Person");
        assertThat(person.url()).isEqualTo("https://peertube.example/accounts/marie");
        assertThat(person.username()).isEqualTo("marie");
        assertThat(person.host()).isEqualTo("peertube.example");
        assertThat(person.inbox()).isEqualTo("https://peertube.example/accounts/marie/inbox");
        assertThat(person.sharedInbox()).isEqualTo("https://peertube.example/inbox");
        assertThat(person.outbox()).isEqualTo("https://peertube.example/accounts/marie/outbox");
        assertThat(person.followers()).isEqualTo("https://peertube.example/accounts/marie/followers");
        assertThat(person.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(person.fetchedAt()).isEqualTo(NOW.toEpochMilli());

        Actor group = actors.parse(json("peertube/group.json"));
        assertThat(group.type()).isEqualTo("Group");
        assertThat(group.username()).isEqualTo("marie_bakes");

        Actor instance = actors.parse(json("peertube/application.json"));
        assertThat(instance.type()).isEqualTo("Application");
        assertThat(instance.username()).isEqualTo("peertube");

        // Mastodon: `url` is the profile page, `icon` a single object, extra toot: terms; none of it may get in the way.
        Actor alice = actors.parse(json("mastodon/person.json"));
        assertThat(alice.url()).isEqualTo("https://mastodon.example/users/alice");
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.sharedInbox()).isEqualTo("https://mastodon.example/inbox");
        assertThat(alice.inbox()).isEqualTo("https://mastodon.example/users/alice/inbox");
    }

    @Test
    void actors_a_peertube_instance_would_refuse_are_refused_with_the_reason() {
        ObjectNode pkcs1 = json("peertube/person.json");
        ((ObjectNode) pkcs1.get("publicKey")).put("publicKeyPem", Fixtures.text("keys/pkcs1-public.pem"));
        assertThatThrownBy(() -> actors.parse(pkcs1)).isInstanceOf(FederationException.class)
                .hasMessageContaining("invalid publicKey").hasMessageContaining("RSA PUBLIC KEY");

        ObjectNode orphan = json("peertube/group.json");
        orphan.remove("attributedTo");
        assertThatThrownBy(() -> actors.parse(orphan)).isInstanceOf(FederationException.class)
                .hasMessageContaining("a Group must be attributedTo a Person");

        ObjectNode elsewhere = json("mastodon/person.json");
        elsewhere.put("inbox", "https://evil.example/users/alice/inbox");
        assertThatThrownBy(() -> actors.parse(elsewhere)).isInstanceOf(FederationException.class)
                .hasMessageContaining("inbox https://evil.example/users/alice/inbox is not on the actor's host mastodon.example");
    }

    @Test
    void mastodon_follow_and_its_undo() {
        String follow = "https://mastodon.example/users/alice#follows/123456";
        String alice = "https://mastodon.example/users/alice";
        assertThat(AsToActivity.parse(json("mastodon/follow.json")))
                .isEqualTo(new Activity.Follow(follow, alice, "https://tandem.example/video-channels/bob_channel"));
        Activity.Undo undo = (Activity.Undo) AsToActivity.parse(json("mastodon/undo-follow.json"));
        assertThat(undo.id()).isEqualTo(follow + "/undo");
        assertThat(undo.actor()).isEqualTo(alice);
        assertThat(undo.object().path("type").asText()).isEqualTo("Follow");
        assertThat(AsToActivity.idOf(undo.object())).isEqualTo(follow);
    }

    @Test
    void mastodon_reply_html_becomes_plain_text() {
        Activity.Create c = (Activity.Create) AsToActivity.parse(json("mastodon/create-note.json"));
        assertThat(c.actor()).isEqualTo("https://mastodon.example/users/alice");
        assertThat(AsToActivity.idOf(c.object())).isEqualTo("https://mastodon.example/users/alice/statuses/113400000000000001");
        assertThat(c.object().path("inReplyTo").asText()).isEqualTo(OUR_VIDEO);
        assertThat(CommentActivities.text(c.object()))
                .isEqualTo("Nice @bob & thanks for the \"crumb\" tip, it's 5 < 6\nRecipe: https://example.org/bread\nCafé \uD83C\uDF5E");
        ObjectNode tricky = Fixtures.MAPPER.createObjectNode().put("content", "<p>&amp;lt;b&amp;gt; is not a tag; &#0;&#xD800;&#99999999;</p>");
        assertThat(CommentActivities.text(tricky)).as("decoded once; no NUL or lone surrogate").isEqualTo("&lt;b&gt; is not a tag; \uFFFD\uFFFD&#99999999;");
    }

    @Test
    void peertube_comment_markdown_is_kept_as_written() {
        ObjectNode create = json("peertube/create-note.json");
        Activity.Create c = (Activity.Create) AsToActivity.parse(create);
        assertThat(c.id()).isEqualTo(VIDEO + "/comments/4711/activity");
        assertThat(c.actor()).isEqualTo("https://peertube.example/accounts/marie");
        JsonNode note = c.object();
        assertThat(note.path("inReplyTo").asText()).isEqualTo(VIDEO);
        assertThat(note.at("/tag/0/type").asText()).isEqualTo("Mention");
        assertThat(CommentActivities.text(note)).isEqualTo(create.at("/object/content").asText()).contains("**hydration**", "<not HTML>");
    }

    @Test
    void a_deleted_comment_is_a_tombstone_named_by_a_delete() {
        ObjectNode tombstone = json("peertube/tombstone.json");
        assertThat(tombstone.path("formerType").asText()).isEqualTo("Note");
        ObjectNode delete = Fixtures.MAPPER.createObjectNode().put("type", "Delete").put("id", tombstone.path("id").asText() + "/delete")
                .put("actor", "https://peertube.example/accounts/marie");
        delete.set("object", tombstone);
        assertThat(AsToActivity.parse(delete)).isEqualTo(new Activity.Delete(tombstone.path("id").asText() + "/delete",
                "https://peertube.example/accounts/marie", VIDEO + "/comments/4712"));
    }

    @Test
    void peertube_announce_rates_and_views() {
        assertThat(AsToActivity.parse(json("peertube/announce.json")))
                .isEqualTo(new Activity.Announce(VIDEO + "/announces/7", "https://peertube.example/video-channels/marie_bakes", VIDEO));
        assertThat(AsToActivity.parse(json("peertube/like.json")))
                .isEqualTo(new Activity.Rate("https://peertube.example/accounts/marie/likes/42", "https://peertube.example/accounts/marie", OUR_VIDEO, false));
        assertThat(AsToActivity.parse(json("peertube/dislike.json")))
                .isEqualTo(new Activity.Rate("https://peertube.example/accounts/marie/dislikes/42", "https://peertube.example/accounts/marie", OUR_VIDEO, true));
        assertThat(AsToActivity.parse(json("peertube/view.json"))).isEqualTo(new Activity.View(
                "https://peertube.example/accounts/peertube/views/videos/42/c0ffee00-1234-4abc-8def-0123456789ab",
                "https://peertube.example/accounts/peertube", OUR_VIDEO, true));
    }

    private static final String MIRROR = "https://mirror.example/redundancy/streaming-playlists/hls/8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c";

    @Test
    void peertube_cache_files_for_hls_and_for_a_web_video_file() {
        Activity.Create c = (Activity.Create) AsToActivity.parse(json("peertube/create-cachefile-hls.json"));
        assertThat(c.actor()).isEqualTo("https://mirror.example/accounts/peertube");
        assertThat(AsToCacheFile.parse(c.object())).isEqualTo(new CacheFile(MIRROR, VIDEO, Instant.parse("2025-03-18T09:00:00Z"),
                "application/x-mpegURL", "https://mirror.example/static/redundancy/hls/8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c", null, null, null));
        assertThat(AsToCacheFile.parse(json("peertube/cachefile-web-video.json"))).isEqualTo(new CacheFile(
                "https://mirror.example/redundancy/videos/8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c/720-30", VIDEO, null, "video/mp4",
                "https://mirror.example/static/redundancy/8f3c2b1a-6d4e-4f5a-9b8c-7d6e5f4a3b2c-720.mp4", 720, 21474836L, 30));
        ObjectNode inArray = json("peertube/cachefile-web-video.json");
        inArray.set("url", Fixtures.MAPPER.createArrayNode().add(inArray.get("url")));
        assertThat(AsToCacheFile.parse(inArray).height()).isEqualTo(720);
    }

    @Test
    void malformed_cache_files_are_refused_with_the_reason() {
        rejectedCacheFile(c -> c.put("expires", "in two days"), "expires must be an ISO date or null");
        rejectedCacheFile(c -> c.put("url", "https://mirror.example/static/redundancy/x.mp4"), "url must be a Link");
        rejectedCacheFile(c -> c.remove("object"), "must name a video URL");
        rejectedCacheFile(c -> c.put("id", "ftp://mirror.example/x"), "invalid id URL");
        rejectedCacheFile(c -> ((ObjectNode) c.get("url")).put("href", "mirror.example/x.mp4"), "invalid href URL");
        rejectedCacheFile(c -> ((ObjectNode) c.get("url")).remove("height"), "a video file Link with height and size");
        rejectedCacheFile(c -> ((ObjectNode) c.get("url")).put("mediaType", "image/jpeg"), "an HLS playlist Link");
    }

    private static void rejectedCacheFile(Consumer<ObjectNode> change, String reason) {
        ObjectNode c = json("peertube/cachefile-web-video.json");
        change.accept(c);
        assertThatThrownBy(() -> AsToCacheFile.parse(c)).isInstanceOf(FederationException.class).hasMessageContaining(reason);
    }

    @Test
    void the_inbox_hands_cache_files_to_the_mirror_package(@TempDir Path dir) throws Exception {
        List<String> sunk = new java.util.ArrayList<>();
        CacheFileSink sink = new CacheFileSink() {
            public void onCreateOrUpdate(String actor, CacheFile c, boolean forwarded) { sunk.add("create " + c.id() + " " + c.href() + " by " + actor); }
            public void onUndo(String actor, String id) { sunk.add("undo " + id + " by " + actor); }
        };
        process(dir, json("peertube/create-cachefile-hls.json"), sink);
        process(dir, json("peertube/undo-cachefile.json"), sink);
        assertThat(sunk).containsExactly("create " + MIRROR + " " + MIRROR.replace("/redundancy/streaming-playlists/", "/static/redundancy/")
                + " by https://mirror.example/accounts/peertube", "undo " + MIRROR + " by https://mirror.example/accounts/peertube");
        ObjectNode bad = json("peertube/undo-cachefile.json");
        ((ObjectNode) bad.at("/object/object")).put("expires", "soon");
        assertThatThrownBy(() -> process(dir, bad, sink)).isInstanceOf(PermanentJobFailure.class).hasMessageContaining("expires must be an ISO date");
        ObjectNode elsewhere = json("peertube/create-cachefile-hls.json");
        ((ObjectNode) elsewhere.get("object")).put("id", "https://other.example/redundancy/streaming-playlists/hls/x");
        assertThatThrownBy(() -> process(dir, elsewhere, sink)).isInstanceOf(PermanentJobFailure.class).hasMessageContaining("is not on the host of its actor");
        assertThat(sunk).hasSize(2);
    }

    /**
     * Runs one signed-by-its-actor inbox row through the real processor. Nothing but the decoding and
     * the CacheFile branch runs (on a remote video, so nothing is forwarded), so the handlers it never reaches are null.
     */
    private static void process(Path dir, ObjectNode body, CacheFileSink sink) throws Exception {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite:" + dir.resolve("inbox.db"));
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS inbox_activities (id INTEGER PRIMARY KEY, body TEXT, signer_url TEXT)");
            h.execute("DELETE FROM inbox_activities");
            h.execute("INSERT INTO inbox_activities (id, body, signer_url) VALUES (1, ?, ?)", body.toString(), body.path("actor").asText());
        });
        ObjectFetcher fetcher = new ObjectFetcher(null, null, null, null);
        InboxProcessor processor = new InboxProcessor(new InboxStore(jdbi), Fixtures.MAPPER, fetcher, null, null, null, null, null, null, null,
                new CacheFileActivities(fetcher, sink, Ours.LOCAL, null, null, null, null), null, null);
        processor.run(new Job(1, "inbox", "{\"inbox\":1}", 0, 1), new InboxJob(1));
    }

    @Test
    void our_own_video_object_is_accepted_by_our_own_parser() {
        Video v = Ours.video();
        RemoteVideo r = AsToVideo.parse(new VideoToAs(Fixtures.MAPPER, Ours.LOCAL, Ours.URLS).video(v, Ours.files()));
        String id = Ours.BASE + "/videos/watch/" + Ours.UUID;
        assertThat(r.url()).isEqualTo(id);
        assertThat(r.uuid()).isEqualTo(Ours.UUID);
        assertThat(r.name()).isEqualTo("Round trip");
        assertThat(r.description()).isEqualTo("A *markdown* description");
        assertThat(r.support()).isEqualTo("Tip jar");
        assertThat(r.duration()).isEqualTo(61);
        assertThat(r.category()).isEqualTo(15);
        assertThat(r.licence()).isEqualTo(2);
        assertThat(r.language()).isEqualTo("en");
        assertThat(r.tags()).containsExactly("roundtrip", "tandem");
        assertThat(r.views()).isEqualTo(5);
        assertThat(r.published()).isEqualTo(Ours.T0 + 30_000);
        assertThat(r.updated()).isEqualTo(Ours.T0 + 60_000);
        assertThat(r.commentsPolicy()).isEqualTo(1);
        assertThat(r.aspectRatio()).isEqualTo(1.7778);
        assertThat(r.playlistUrl()).isEqualTo(Ours.HLS_DIR + "k3y-master.m3u8");
        assertThat(r.sha256Url()).isEqualTo(Ours.HLS_DIR + "k3y-segments-sha256.json");
        assertThat(r.infohashes()).isEqualTo(Infohashes.forMaster(Ours.HLS_DIR + "k3y-master.m3u8", 2));
        assertThat(r.trackers()).containsExactly(Ours.BASE + "/tracker/announce", "wss://a.example/tracker/socket");
        assertThat(r.files()).containsExactly(
                new RemoteVideo.File(720, 1280, 720, 30, 900_000, Ours.HLS_DIR + "k3y-720-fragmented.mp4", true, true),
                new RemoteVideo.File(480, 854, 480, 30, 400_000, Ours.HLS_DIR + "k3y-480-fragmented.mp4", true, true));
        assertThat(r.thumbnailUrl()).isEqualTo(Ours.BASE + "/lazy-static/thumbnails/k3y.jpg");
        assertThat(r.previewUrl()).isEqualTo(Ours.BASE + "/lazy-static/previews/k3y.jpg");
        assertThat(r.ownerUrl()).isEqualTo(Ours.BASE + "/accounts/bob");
        assertThat(r.channelUrl()).isEqualTo(Ours.BASE + "/video-channels/bob_channel");
        assertThat(r.likesUrl()).isEqualTo(id + "/likes");
        assertThat(r.dislikesUrl()).isEqualTo(id + "/dislikes");
    }

    @Test
    void each_file_names_every_stream_it_has_as_peertube_does() {
        ObjectNode o = new VideoToAs(Fixtures.MAPPER, Ours.LOCAL, Ours.URLS).video(Ours.video(), Ours.files());
        JsonNode file = o.at("/url/1/tag").findValues("attachment").getFirst();
        // PeerTube 6.3 sends one hint per stream present, audio first, and ORs them when it reads them.
        assertThat(file.findValues("value").stream().map(JsonNode::asText).toList()).containsExactly("audio", "video", "fragmented");
        assertThat(AsToVideo.parse(o).files()).allMatch(f -> f.hasAudio() && f.hasVideo());
    }

    @Test
    void each_hls_file_links_its_torrent_and_magnet_where_peertube_looks_for_them() {
        ObjectNode o = new VideoToAs(Fixtures.MAPPER, Ours.LOCAL, Ours.URLS).video(Ours.video(), Ours.files());
        List<JsonNode> tags = new ArrayList<>();
        o.at("/url/1/tag").forEach(tags::add);
        for (VideoFile f : Ours.files().subList(0, 2)) {
            // PeerTube pairs a file with the magnet of the same height and reads the torrent's URL and infohash from it.
            JsonNode torrent = tags.stream().filter(t -> t.path("mediaType").asText().equals("application/x-bittorrent")
                    && t.path("height").asInt() == f.resolution()).findFirst().orElseThrow();
            assertThat(torrent.path("href").asText()).isEqualTo(Ours.BASE + "/lazy-static/torrents/" + f.torrentName());
            assertThat(torrent.path("width").asInt()).isEqualTo(f.width());
            JsonNode magnet = tags.stream().filter(t -> t.path("mediaType").asText().equals("application/x-bittorrent;x-scheme-handler/magnet")
                    && t.path("height").asInt() == f.resolution()).findFirst().orElseThrow();
            assertThat(magnet.path("href").asText()).startsWith("magnet:?").contains("xt=urn:btih:" + f.infoHash())
                    .contains("xs=" + URLEncoder.encode(torrent.path("href").asText(), StandardCharsets.UTF_8))
                    .contains("ws=" + URLEncoder.encode(Ours.HLS_DIR + f.fileName(), StandardCharsets.UTF_8));
        }
        assertThat(AsToVideo.parse(o).files()).as("the torrent links are not files").hasSize(2);
    }

    @Test
    void peertube_stream_hints_are_read_as_peertube_combines_them() {
        RemoteVideo v = AsToVideo.parse(json("peertube/video.json"));
        assertThat(v.webFiles()).as("video and audio hints").allMatch(f -> f.hasVideo() && f.hasAudio());
        assertThat(v.files()).extracting(RemoteVideo.File::hasVideo).containsExactly(true, true, false);
        assertThat(v.files()).extracting(RemoteVideo.File::hasAudio).containsExactly(false, false, true);
        ObjectNode noHints = json("peertube/video.json");
        noHints.findParents("attachment").forEach(l -> ((ObjectNode) l).remove("attachment"));
        RemoteVideo old = AsToVideo.parse(noHints);
        assertThat(old.files()).as("no hint: both streams, or audio alone at resolution 0")
                .extracting(f -> f.hasVideo() + "/" + f.hasAudio()).containsExactly("true/true", "true/true", "false/true");
    }

    @Test
    void an_unlisted_video_is_addressed_to_no_one_and_read_as_unlisted() {
        VideoToAs toAs = new VideoToAs(Fixtures.MAPPER, Ours.LOCAL, Ours.URLS);
        ObjectNode unlisted = toAs.video(Ours.video("Not for the lists", tandem.video.VideoPrivacy.UNLISTED), Ours.files());
        assertThat(unlisted.get("to")).isEmpty();
        assertThat(unlisted.get("cc")).isEmpty();
        assertThat(AsToVideo.parse(unlisted).privacy()).isEqualTo(2);
        assertThat(AsToVideo.parse(toAs.video(Ours.video(), Ours.files())).privacy()).isEqualTo(1);

        assertThat(AsToVideo.parse(json("peertube/video.json")).privacy()).as("to: [as:Public]").isEqualTo(1);
        ObjectNode peertubeUnlisted = json("peertube/video.json");
        peertubeUnlisted.putArray("to");
        peertubeUnlisted.putArray("cc");
        assertThat(AsToVideo.parse(peertubeUnlisted).privacy()).isEqualTo(2);
        ObjectNode singleTo = json("peertube/video.json");
        singleTo.put("to", "https://www.w3.org/ns/activitystreams#Public");
        assertThat(AsToVideo.parse(singleTo).privacy()).as("`to` as a single value").isEqualTo(1);
    }

    @Test
    void a_description_peertube_would_refuse_is_not_sent() {
        VideoToAs toAs = new VideoToAs(Fixtures.MAPPER, Ours.LOCAL, Ours.URLS);
        // PeerTube drops a whole Video whose content has fewer than 3 characters.
        for (String tooShort : new String[] {"", "ok", "  a  "}) {
            assertThat(toAs.video(Ours.video(tooShort), Ours.files()).get("content").isNull()).as("'%s'", tooShort).isTrue();
        }
        assertThat(toAs.video(Ours.video("Yes"), Ours.files()).get("content").asText()).isEqualTo("Yes");
    }

    @Test
    void our_own_comment_and_its_tombstone_are_read_back() {
        CommentToAs toAs = new CommentToAs(Fixtures.MAPPER, Ours.LOCAL);
        String videoUrl = Ours.BASE + "/videos/watch/" + Ours.UUID;
        String text = "Nice **crumb** & <3, see [this](https://example.org)";
        ObjectNode note = toAs.note(Ours.comment(text, null), Ours.video(), videoUrl, null);
        String id = videoUrl + "/comments/11";
        // The Create around it is shaped as Publisher sends it.
        ObjectNode create = Fixtures.MAPPER.createObjectNode().put("id", id + "/activity").put("type", "Create").put("actor", Ours.BASE + "/accounts/bob");
        create.set("object", note);
        Activity.Create c = (Activity.Create) AsToActivity.parse(create);
        assertThat(AsToActivity.idOf(c.object())).isEqualTo(id);
        assertThat(AsToActivity.idOf(c.object().path("attributedTo"))).isEqualTo(c.actor());
        assertThat(c.object().path("inReplyTo").asText()).isEqualTo(videoUrl);
        assertThat(CommentActivities.text(c.object())).isEqualTo(text);

        ObjectNode tombstone = toAs.note(Ours.comment(text, Ours.T0 + 180_000), Ours.video(), videoUrl, null);
        assertThat(tombstone.path("type").asText()).isEqualTo("Tombstone");
        ObjectNode delete = Fixtures.MAPPER.createObjectNode().put("id", id + "/delete").put("type", "Delete").put("actor", Ours.BASE + "/accounts/bob");
        delete.set("object", tombstone);
        assertThat(((Activity.Delete) AsToActivity.parse(delete)).object()).isEqualTo(id);
    }
}

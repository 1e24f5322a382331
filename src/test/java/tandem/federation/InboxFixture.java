package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real Tandem and one {@link FakeRemote} side by side, with the activities the fake's actors
 * send and the database counts the inbox tests compare before and after.
 */
final class InboxFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    final TestInstance tandem;
    final FakeRemote fake;
    final TestClient admin;

    private InboxFixture(TestInstance tandem, FakeRemote fake) {
        this.tandem = tandem;
        this.fake = fake;
        this.admin = tandem.admin();
    }

    static InboxFixture start(Map<String, String> settings) {
        TestInstance tandem = TestInstance.start(Federated.settings(settings));
        return new InboxFixture(tandem, FakeRemote.start(tandem.client()));
    }

    String inbox() {
        return tandem.baseUrl() + "/inbox";
    }

    String alice() {
        return fake.actor("alice");
    }

    String localAccount() {
        return tandem.baseUrl() + "/accounts/root";
    }

    /** A fresh activity id on the fake's host. */
    String newId(String kind) {
        return fake.base() + "/" + kind + "/" + IDS.incrementAndGet();
    }

    long count(String sql) {
        return tandem.app().database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    /** State and last error of every inbox job, oldest first. */
    List<Map.Entry<String, String>> inboxJobs() {
        return tandem.app().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT state, last_error FROM jobs WHERE type = 'activitypub-inbox' ORDER BY id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), String.valueOf(rs.getString(2)))).list());
    }

    Map.Entry<String, String> lastInboxJob() {
        return inboxJobs().getLast();
    }

    /** Our local account's actor row exists once someone fetched its document, as a remote would before following. */
    void publishLocalAccount() {
        Response r = tandem.client().get("/accounts/root", "Accept", "application/activity+json");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    /** The admin follows alice by handle; the fake answers WebFinger and sends a signed Accept back. */
    void tandemFollowsAlice() {
        Response r = admin.postJson("/api/v1/server/following", Map.of("handles", List.of("alice@" + fake.host())));
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        tandem.awaitIdle();
        JsonNode follow = fake.received().stream().filter(x -> x.method().equals("POST") && x.body().contains("\"Follow\""))
                .map(FakeRemote.Received::json).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no Follow reached the fake"));
        ObjectNode accept = activity("Accept", alice(), follow);
        assertThat(fake.post(inbox(), alice(), accept).status()).isEqualTo(202);
        tandem.awaitIdle();
        JsonNode following = admin.get("/api/v1/server/following").json();
        assertThat(following.at("/data/0/state").asText()).isEqualTo("accepted");
    }

    /** Uploads one small local video and waits for it to be published; returns its URL. */
    String uploadLocalVideo() {
        Response up = admin.upload(TestMedia.clipWithAudio(), "Local video under attack", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        tandem.awaitIdle();
        return tandem.baseUrl() + "/videos/watch/" + up.json().at("/video/uuid").asText();
    }

    /** A valid video on the fake, by alice in her channel. */
    String aliceVideo(String path) {
        fake.video(path, fake.base() + path, alice(), fake.channel("alice_channel"));
        return fake.base() + path;
    }

    ObjectNode activity(String type, String actor, Object object) {
        ObjectNode a = JSON.createObjectNode();
        a.putArray("@context").add("https://www.w3.org/ns/activitystreams");
        a.put("id", newId(type.toLowerCase(java.util.Locale.ROOT) + "s")).put("type", type).put("actor", actor);
        if (object instanceof JsonNode n) a.set("object", n);
        else a.put("object", (String) object);
        a.putArray("to").add("https://www.w3.org/ns/activitystreams#Public");
        return a;
    }

    /** A comment by `author` answering `inReplyTo`, with the id given. */
    ObjectNode note(String id, String author, String inReplyTo) {
        ObjectNode n = JSON.createObjectNode().put("id", id).put("type", "Note").put("attributedTo", author)
                .put("inReplyTo", inReplyTo).put("content", "<p>Nice video</p>").put("published", "2024-01-01T00:00:00Z");
        n.putArray("to").add("https://www.w3.org/ns/activitystreams#Public");
        return n;
    }

    /** Serves `note` at its id on the fake and sends its Create to our inbox, signed by its author; returns its id. */
    String sendNote(ObjectNode note) {
        String id = note.path("id").asText();
        String author = note.path("attributedTo").asText();
        fake.serve(java.net.URI.create(id).getPath(), note);
        assertThat(fake.post(inbox(), author, activity("Create", author, note)).status()).isEqualTo(202);
        tandem.awaitIdle();
        return id;
    }

    /** The last activity the fake received that contains `containing`. */
    JsonNode lastPost(String containing) {
        return fake.received().stream().filter(r -> r.method().equals("POST") && r.body().contains(containing))
                .map(FakeRemote.Received::json).reduce((x, y) -> y)
                .orElseThrow(() -> new AssertionError("nothing with " + containing + " reached the fake"));
    }

    /** One of our URLs read as ActivityPub JSON; it must answer 200. */
    JsonNode ap(String url) {
        java.net.URI u = java.net.URI.create(url);
        Response r = tandem.client().get(u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()), "Accept", "application/activity+json");
        assertThat(r.status()).as(url + " " + r.text()).isEqualTo(200);
        return r.json();
    }

    @Override
    public void close() {
        fake.close();
        tandem.close();
    }
}

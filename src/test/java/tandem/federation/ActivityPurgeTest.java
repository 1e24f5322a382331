package tandem.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.db.Database;
import tandem.federation.inbox.InboxStore;
import tandem.federation.outbox.OutboxStore;
import tandem.job.NoPayload;
import tandem.testing.TestDatabase;

/** Old activities leave the tables; recent ones, and the record that a video's Create was sent, stay. */
class ActivityPurgeTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private Database db;
    private String url;

    @AfterEach
    void close() {
        if (db != null) db.close();
        if (url != null) TestDatabase.drop(url);
    }

    @Test
    void received_go_after_a_week_and_sent_after_a_month_keeping_create_records() throws Exception {
        url = TestDatabase.newDatabaseUrl(Files.createTempDirectory("purge-"));
        db = Database.open(url);
        received("https://a.example/old", NOW.minus(Duration.ofDays(8)));
        received("https://a.example/recent", NOW.minus(Duration.ofDays(6)));
        sent("https://us.example/videos/watch/1/activity", "{\"type\":\"Create\"}", NOW.minus(Duration.ofDays(40)));
        sent("https://us.example/videos/watch/1/announces/1", "{\"type\":\"Announce\"}", NOW.minus(Duration.ofDays(40)));
        sent("https://us.example/videos/watch/2/announces/1", "{\"type\":\"Announce\"}", NOW.minus(Duration.ofDays(20)));

        new ActivityPurge(db.transactions(), new InboxStore(db.jdbi()), new OutboxStore(db.jdbi()), new tandem.federation.actor.ActorStore(db.jdbi()), Clock.fixed(NOW, ZoneOffset.UTC)).run(null, NoPayload.NONE);

        List<String> received = db.jdbi().withHandle(h -> h.createQuery("SELECT activity_url FROM inbox_activities").mapTo(String.class).list());
        assertThat(received).containsExactly("https://a.example/recent");
        List<String> left = db.jdbi().withHandle(h -> h.createQuery("SELECT activity_url || ' ' || body FROM outbox_activities ORDER BY id")
                .mapTo(String.class).list());
        assertThat(left).containsExactly("https://us.example/videos/watch/1/activity {}",
                "https://us.example/videos/watch/2/announces/1 {\"type\":\"Announce\"}");
    }

    private void received(String activity, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO inbox_activities (activity_url, signature_hash, actor_url, signer_url, body, received_at)
                VALUES (:u, 'sig', 'https://a.example/actor', 'https://a.example/actor', '{}', :t)""")
                .bind("u", activity).bind("t", at.toEpochMilli()).execute());
    }

    private void sent(String activity, String body, Instant at) {
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO outbox_activities (activity_url, actor_id, body, created_at) VALUES (:u, NULL, :b, :t)")
                .bind("u", activity).bind("b", body).bind("t", at.toEpochMilli()).execute());
    }
}

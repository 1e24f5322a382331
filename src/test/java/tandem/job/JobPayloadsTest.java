package tandem.job;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.core.Config;
import tandem.db.Database;
import tandem.federation.FederationJobs;
import tandem.federation.inbox.CrawlJob;
import tandem.federation.inbox.FetchJob;
import tandem.federation.inbox.InboxJob;
import tandem.federation.inbox.InboxJobs;
import tandem.federation.outbox.DeliveryJob;
import tandem.federation.outbox.OutboxJobs;
import tandem.federation.outbox.PublishJob;
import tandem.testing.TestDatabase;
import tandem.video.DeleteFilesJob;
import tandem.video.VideoJob;
import tandem.video.VideoJobs;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows written before payloads were typed still run: every payload shape the old code wrote by hand
 * (copied here verbatim) reads into its record, and a record writes back the same JSON, so the
 * admin's job list shows what it showed before.
 */
class JobPayloadsTest {
    private static final JobType<DeliveryJob> DELIVERY = OutboxJobs.delivery(new Config.Federation(List.of(), false,
            Duration.ofSeconds(10), 16, 16, 4, 1_000_000, Duration.ofSeconds(10)));
    private final JobCodec codec = new JobCodec();
    private Database db;
    private JobQueue queue;
    private String url;

    @AfterEach
    void close() {
        if (queue != null) queue.close();
        if (db != null) db.close();
        if (url != null) TestDatabase.drop(url);
    }

    /** Reads the old row and writes the record back: both ways must match exactly. */
    private <P> void same(JobType<P> type, String old, P expected) throws PermanentJobFailure {
        assertThat(codec.decode(type, new Job(1, type.name(), old, 1, 1))).as(old).isEqualTo(expected);
        assertThat(codec.encode(type, expected)).as("written as before").isEqualTo(old);
    }

    @Test
    void every_old_publish_payload_reads_into_its_record() throws Exception {
        // FederationEvents and Publisher built these with ObjectNode; "video" served both published and updated.
        same(OutboxJobs.PUBLISH, "{\"kind\":\"video\",\"videoId\":12}", new PublishJob.VideoChanged(12));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"video-deleted\",\"url\":\"https://tandem.example/videos/watch/9b1c\",\"uuid\":\"9b1c\",\"accountId\":3,\"channelId\":4}",
                new PublishJob.VideoDeleted("https://tandem.example/videos/watch/9b1c", "9b1c", 3, 4));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"channel-updated\",\"channelId\":4}", new PublishJob.ChannelUpdated(4));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"account-updated\",\"accountId\":3}", new PublishJob.AccountUpdated(3));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"shares\",\"videoId\":12}", new PublishJob.SharesDue(12));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"comment\",\"commentId\":7}", new PublishJob.CommentChanged(7));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"comment-deleted\",\"commentId\":7}", new PublishJob.CommentDeleted(7));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"comment-approved\",\"commentId\":7}", new PublishJob.CommentApproved(7));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"rate\",\"videoId\":12,\"accountId\":3,\"old\":\"like\",\"rating\":\"none\"}",
                new PublishJob.Rated(12, 3, "like", "none"));
        same(OutboxJobs.PUBLISH, "{\"kind\":\"view\",\"videoId\":12}", new PublishJob.Viewed(12));
    }

    @Test
    void every_old_fetch_payload_reads_into_its_record() throws Exception {
        same(InboxJobs.FETCH, "{\"kind\":\"video\",\"url\":\"https://peer.example/videos/watch/1\"}",
                new FetchJob.VideoByUrl("https://peer.example/videos/watch/1"));
        same(InboxJobs.FETCH, "{\"kind\":\"thumbnail\",\"videoId\":5,\"url\":\"https://peer.example/lazy-static/thumbnails/1.jpg\"}",
                new FetchJob.Thumbnail(5, "https://peer.example/lazy-static/thumbnails/1.jpg"));
        same(InboxJobs.FETCH, "{\"kind\":\"refresh\",\"videoId\":5}", new FetchJob.Refresh(5));
    }

    @Test
    void the_other_old_payloads_read_into_their_records() throws Exception {
        same(InboxJobs.INBOX, "{\"inbox\":42}", new InboxJob(42));
        same(InboxJobs.CRAWL, "{\"outbox\":\"https://peer.example/accounts/ann/outbox\"}", new CrawlJob("https://peer.example/accounts/ann/outbox"));
        same(DELIVERY, "{\"outbox\":9,\"inbox\":\"https://peer.example/inbox\",\"activityType\":\"Create\",\"activityId\":\"https://tandem.example/videos/watch/9b1c/activity\"}",
                new DeliveryJob(9, "https://peer.example/inbox", "Create", "https://tandem.example/videos/watch/9b1c/activity"));
        for (JobType<VideoJob> t : List.of(VideoJobs.TORRENT, VideoJobs.THUMBNAIL, VideoJobs.TRANSCODE, VideoJobs.LADDER)) {
            same(t, "{\"videoId\":12}", new VideoJob(12));
        }
        same(VideoJobs.DELETE_FILES, "{\"uuid\":\"9b1c\",\"keys\":[\"streaming-playlists/hls/9b1c/\",\"captions/9b1c/\",\"thumbnails/k.jpg\"]}",
                new DeleteFilesJob("9b1c", List.of("streaming-playlists/hls/9b1c/", "captions/9b1c/", "thumbnails/k.jpg")));
        for (JobType<NoPayload> t : List.of(JobQueue.PURGE_DONE, VideoJobs.PURGE_UPLOADS, FederationJobs.PURGE)) {
            same(t, "{}", NoPayload.NONE);
        }
    }

    @Test
    void unknown_fields_are_ignored_and_missing_ones_read_as_empty() throws Exception {
        assertThat(codec.decode(OutboxJobs.PUBLISH, new Job(1, "activitypub-publish", "{\"kind\":\"view\",\"videoId\":3,\"since\":\"v2\"}", 1, 1)))
                .isEqualTo(new PublishJob.Viewed(3));
        assertThat(codec.decode(VideoJobs.DELETE_FILES, new Job(1, "video-delete-files", "{\"uuid\":\"9b1c\"}", 1, 1)).keys()).isEmpty();
        assertThat(codec.decode(JobQueue.PURGE_DONE, new Job(1, "job-purge", "{\"anything\":1}", 1, 1))).isEqualTo(NoPayload.NONE);
    }

    @Test
    void an_unknown_kind_is_a_permanent_failure_naming_the_job() {
        Job job = new Job(8, "activitypub-publish", "{\"kind\":\"boost\",\"videoId\":1}", 1, 5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.decode(OutboxJobs.PUBLISH, job))
                .isInstanceOf(PermanentJobFailure.class)
                .hasMessageContaining("activitypub-publish #8").hasMessageContaining("boost");
    }

    @Test
    void old_rows_in_the_table_run_with_their_decoded_payloads_and_an_unreadable_one_dies_at_once() throws Exception {
        url = TestDatabase.newDatabaseUrl(Files.createTempDirectory("job-payloads-"));
        db = Database.open(url);
        JobStore store = new JobStore(db.jdbi(), db.dialect());
        queue = new JobQueue(store, db.jdbi(), Clock.systemUTC(), Duration.ofSeconds(2), true);
        List<Object> ran = new CopyOnWriteArrayList<>();
        List<Object> toldDead = new CopyOnWriteArrayList<>();
        queue.register(OutboxJobs.PUBLISH, new JobHandler<>() {
            @Override
            public void run(Job job, PublishJob payload) {
                ran.add(payload);
            }

            @Override
            public void onDead(Job job, PublishJob payload, Exception lastError) {
                toldDead.add(payload);
            }
        });
        queue.register(InboxJobs.FETCH, (job, payload) -> ran.add(payload));
        queue.register(InboxJobs.INBOX, (job, payload) -> ran.add(payload));
        // Rows as the previous version left them: written by hand, straight into the table.
        long now = System.currentTimeMillis();
        long bad = db.jdbi().inTransaction(h -> {
            store.insert(h, OutboxJobs.PUBLISH, "{\"kind\":\"rate\",\"videoId\":12,\"accountId\":3,\"old\":\"like\",\"rating\":\"none\"}", now, now);
            store.insert(h, InboxJobs.FETCH, "{\"kind\":\"thumbnail\",\"videoId\":5,\"url\":\"https://peer.example/t.jpg\"}", now, now);
            store.insert(h, InboxJobs.INBOX, "{\"inbox\":42}", now, now);
            return store.insert(h, OutboxJobs.PUBLISH, "{\"kind\":\"boost\",\"videoId\":1}", now, now);
        });
        queue.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!queue.isIdle(Set.of())) {
            assertThat(System.nanoTime()).as("queue never went idle").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(ran).containsExactlyInAnyOrder(new PublishJob.Rated(12, 3, "like", "none"),
                new FetchJob.Thumbnail(5, "https://peer.example/t.jpg"), new InboxJob(42));
        assertThat(toldDead).as("an unreadable job tells the domain nothing: it cannot say what it was about").isEmpty();
        List<JobView> dead = store.list("dead", null, 0, 10);
        assertThat(dead).singleElement().satisfies(j -> {
            assertThat(j.id()).isEqualTo(bad);
            assertThat(j.attempts()).as("not retried: no retry can make it readable").isEqualTo(1);
            assertThat(j.error()).startsWith("PermanentJobFailure: cannot read the payload of job activitypub-publish #" + bad)
                    .contains("boost");
            assertThat(j.data()).as("kept as it was, for the admin to see").isEqualTo("{\"kind\":\"boost\",\"videoId\":1}");
        });
        assertThat(store.countByState()).containsEntry("done", 3L);
    }
}

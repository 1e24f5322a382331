package tandem.job;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tandem.db.Database;
import tandem.testing.TestDatabase;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The durable queue: retries with backoff, dead letters, and recovery of jobs a dead process left running. */
class JobQueueTest {
    private Database db;
    private JobQueue queue;
    private String url;

    /** A payload with a field, for the tests that tell jobs apart. */
    record Named(String name) {}

    private JobQueue open(boolean singleNode) throws Exception {
        if (db == null) {
            url = TestDatabase.newDatabaseUrl(Files.createTempDirectory("jobs-"));
            db = Database.open(url);
        }
        queue = new JobQueue(new JobStore(db.jdbi(), db.dialect()), db.jdbi(), Clock.systemUTC(), Duration.ofSeconds(2), singleNode);
        return queue;
    }

    @AfterEach
    void close() {
        if (queue != null) queue.close();
        if (db != null) db.close();
        if (url != null) TestDatabase.drop(url);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition never became true").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitIdle(JobQueue q) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!q.isIdle(Set.of())) {
            assertThat(System.nanoTime()).as("queue never went idle").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void a_failing_job_is_retried_then_succeeds() throws Exception {
        JobQueue q = open(true);
        AtomicInteger calls = new AtomicInteger();
        JobType<NoPayload> flaky = JobType.of("flaky", NoPayload.class, 3, Duration.ofMillis(50), 1);
        q.register(flaky, (job, none) -> {
            if (calls.incrementAndGet() < 3) throw new IllegalStateException("not yet");
        });
        q.start();
        q.enqueue(flaky, NoPayload.NONE);
        await(() -> calls.get() == 3);
        awaitIdle(q);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(new JobStore(db.jdbi(), db.dialect()).countByState()).containsEntry("done", 1L);
    }

    @Test
    void a_deferred_job_gives_its_slot_to_the_next_and_runs_later_without_using_an_attempt() throws Exception {
        JobQueue q = open(true);
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger deferrals = new AtomicInteger();
        // One attempt and one slot: a deferral that counted would kill the job, one that kept its slot would block the other.
        JobType<Named> busy = JobType.of("busy", Named.class, 1, Duration.ofMillis(20), 1);
        q.register(busy, (job, named) -> {
            if (named.name().equals("waits") && deferrals.incrementAndGet() <= 3) throw new JobDeferred("its host is busy", Duration.ofMillis(200));
            ran.add(named.name());
        });
        q.enqueue(busy, new Named("waits"));
        q.enqueue(busy, new Named("other"));
        q.start();
        await(() -> ran.size() == 1);
        assertThat(q.isIdle(Set.of())).as("a deferred job is still work to do").isFalse();
        await(() -> ran.size() == 2);
        awaitIdle(q);
        assertThat(ran).containsExactly("other", "waits");
        assertThat(deferrals.get()).isEqualTo(4);
        int attempts = db.jdbi().withHandle(h -> h.createQuery("SELECT attempts FROM jobs WHERE payload LIKE '%waits%'").mapTo(Integer.class).one());
        assertThat(attempts).as("deferrals are not attempts").isEqualTo(1);
        assertThat(new JobStore(db.jdbi(), db.dialect()).countByState()).containsEntry("done", 2L).doesNotContainKey("dead");
    }

    @Test
    void a_job_out_of_attempts_is_dead_and_its_handler_is_told() throws Exception {
        JobQueue q = open(true);
        AtomicInteger dead = new AtomicInteger();
        JobType<NoPayload> broken = JobType.of("broken", NoPayload.class, 2, Duration.ofMillis(20), 1);
        q.register(broken, new JobHandler<>() {
            @Override
            public void run(Job job, NoPayload none) {
                throw new IllegalStateException("always");
            }

            @Override
            public void onDead(Job job, NoPayload none, Exception lastError) {
                dead.incrementAndGet();
            }
        });
        q.start();
        q.enqueue(broken, NoPayload.NONE);
        await(() -> dead.get() == 1);
        awaitIdle(q);
        assertThat(dead.get()).isEqualTo(1);
        var jobs = new JobStore(db.jdbi(), db.dialect()).list("dead", null, 0, 10);
        assertThat(jobs).hasSize(1);
        assertThat(jobs.getFirst().error()).contains("always");
        assertThat(jobs.getFirst().state()).as("PeerTube's name for a dead job").isEqualTo("failed");
    }

    @Test
    void backoff_doubles_and_is_capped() {
        JobType<NoPayload> t = new JobType<>("x", NoPayload.class, 10, Duration.ofSeconds(5), Duration.ofSeconds(30), 1, 100);
        assertThat(t.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(t.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(t.backoffAfter(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(t.backoffAfter(4)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_job_left_running_by_a_dead_process_runs_again() throws Exception {
        JobQueue first = open(false);
        JobType<NoPayload> slow = JobType.of("slow", NoPayload.class, 3, Duration.ofMillis(20), 1);
        // Simulate a crash: claim the job as another node would, then never heartbeat again.
        long id = first.enqueue(slow, NoPayload.NONE);
        JobStore store = new JobStore(db.jdbi(), db.dialect());
        assertThat(store.claim(java.util.List.of("slow"), 1, "dead-node", System.currentTimeMillis())).hasSize(1);
        AtomicInteger runs = new AtomicInteger();
        first.register(slow, (job, none) -> runs.incrementAndGet());
        first.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (runs.get() == 0 && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(runs.get()).as("job #" + id + " recovered after its lease").isEqualTo(1);
    }

    @Test
    void finished_jobs_older_than_a_week_are_purged_and_others_kept() throws Exception {
        JobQueue q = open(true);
        JobType<NoPayload> fast = JobType.of("fast", NoPayload.class, 1, Duration.ofMillis(50), 4);
        q.register(fast, (job, none) -> { });
        q.start();
        for (int i = 0; i < 3; i++) q.enqueue(fast, NoPayload.NONE);
        awaitIdle(q);
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE jobs SET updated_at = :old WHERE id IN (SELECT id FROM jobs WHERE type = 'fast' ORDER BY id LIMIT 2)")
                .bind("old", System.currentTimeMillis() - JobQueue.KEEP_DONE.toMillis() - 60_000).execute());
        long pendingBefore = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE state <> 'done'").mapTo(Long.class).one());
        q.purgeDone(null, NoPayload.NONE);
        long fastLeft = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE type = 'fast'").mapTo(Long.class).one());
        long pendingAfter = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE state <> 'done'").mapTo(Long.class).one());
        assertThat(fastLeft).as("the recent finished job stays").isEqualTo(1);
        assertThat(pendingAfter).isEqualTo(pendingBefore);
    }

    @Test
    void a_burst_of_jobs_enqueued_while_others_run_all_run() throws Exception {
        JobQueue q = open(true);
        AtomicInteger ran = new AtomicInteger();
        JobType<NoPayload> burst = JobType.of("burst", NoPayload.class, 1, Duration.ofMillis(50), 4);
        q.register(burst, (job, none) -> {
            Thread.sleep(1);
            ran.incrementAndGet();
        });
        q.start();
        for (int round = 0; round < 20; round++) {
            List<NoPayload> payloads = java.util.Collections.nCopies(100, NoPayload.NONE);
            db.jdbi().useTransaction(h -> q.enqueueAll(h, burst, payloads));
            for (int i = 0; i < 50; i++) q.enqueue(burst, NoPayload.NONE);
        }
        await(() -> ran.get() == 3000);
        awaitIdle(q);
    }

    @Test
    void finished_jobs_are_marked_done_together_and_do_not_run_again_after_a_restart() throws Exception {
        JobQueue q = open(true);
        AtomicInteger ran = new AtomicInteger();
        JobType<NoPayload> quick = JobType.of("quick", NoPayload.class, 1, Duration.ofMillis(50), 64);
        q.register(quick, (job, none) -> ran.incrementAndGet());
        q.start();
        // More than one statement's worth of ids (500), all finishing within a few dispatcher turns.
        db.jdbi().useTransaction(h -> q.enqueueAll(h, quick, java.util.Collections.nCopies(1200, NoPayload.NONE)));
        await(() -> ran.get() == 1200);
        q.close(); // marks what the dispatcher had not marked yet
        assertThat(new JobStore(db.jdbi(), db.dialect()).countByState()).containsEntry("done", 1200L).containsOnlyKeys("done");

        JobQueue again = open(true);
        again.register(quick, (job, none) -> ran.incrementAndGet());
        again.start();
        Thread.sleep(1000);
        assertThat(ran).hasValue(1200);
    }

    @Test
    void a_job_whose_payload_cannot_be_read_dies_at_once_with_the_reason() throws Exception {
        JobQueue q = open(true);
        AtomicInteger runs = new AtomicInteger();
        JobType<Named> named = JobType.of("named", Named.class, 5, Duration.ofMillis(20), 1);
        q.register(named, (job, payload) -> runs.incrementAndGet());
        JobStore store = new JobStore(db.jdbi(), db.dialect());
        long id = db.jdbi().inTransaction(h -> store.insert(h, named, "{\"name\":", System.currentTimeMillis(), System.currentTimeMillis()));
        q.start();
        awaitIdle(q);
        assertThat(runs).hasValue(0);
        var dead = store.list("dead", null, 0, 10);
        assertThat(dead).hasSize(1);
        assertThat(dead.getFirst().attempts()).as("five attempts allowed, one made").isEqualTo(1);
        assertThat(dead.getFirst().error()).startsWith("PermanentJobFailure: cannot read the payload of job named #" + id + " ({\"name\":): ");
    }
}

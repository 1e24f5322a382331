package tandem.job;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs durable jobs: claims them from the table, runs each on a virtual thread, retries with
 * backoff, heart-beats running jobs so a crashed node's work is recovered, and keeps recurring
 * jobs scheduled. Nothing here lives only in memory: a restart picks up where the table says.
 */
public final class JobQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobQueue.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int MAX_BATCH = 64;
    /** Finished jobs stay a week in the admin's list, then go: one video's fan-out alone leaves a thousand. */
    public static final JobType<NoPayload> PURGE_DONE = JobType.of("job-purge", NoPayload.class, 3, Duration.ofMinutes(5), 1).withPriority(200);
    public static final Duration KEEP_DONE = Duration.ofDays(7);

    private final JobStore store;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lease;
    private final boolean singleNode;
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final JobCodec codec = new JobCodec();
    private final Map<String, Registered<?>> types = new ConcurrentHashMap<>();
    private final Map<String, Recurring> recurring = new ConcurrentHashMap<>();
    private final Map<Long, Thread> running = new ConcurrentHashMap<>();
    /**
     * Jobs that ended well, marked done by the dispatcher in one statement: a fan-out ends a thousand
     * jobs in a second, and a write per job (SQLite: one writer at a time) cost more than the job.
     * A crash before the mark runs such a job again, which every job must bear anyway.
     */
    private final ConcurrentLinkedQueue<Long> finished = new ConcurrentLinkedQueue<>();
    /** Jobs that stepped aside (JobDeferred) until a time: not idle until they ran (or another node took them). */
    private final Map<Long, Deferral> deferred = new ConcurrentHashMap<>();

    private record Deferral(String type, long until) {}
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile boolean stopping;
    private Thread dispatcher;

    private record Recurring(JobType<NoPayload> type, Duration every) {}

    private record Registered<P>(JobType<P> type, JobHandler<P> handler, Semaphore slots) {}

    /**
     * @param singleNode true when no other node can share the table (SQLite): jobs left running at
     *                   start-up belong to a dead process and are recovered at once.
     */
    public JobQueue(JobStore store, Jdbi jdbi, Clock clock, Duration lease, boolean singleNode) {
        this.store = store;
        this.jdbi = jdbi;
        this.clock = clock;
        this.lease = lease;
        this.singleNode = singleNode;
    }

    /** Runs jobs of this type with the handler, which receives each job's payload decoded. */
    /** @throws IllegalStateException when another handler already has this type's name: two kinds of job sharing a name would run each other's payloads */
    public <P> void register(JobType<P> type, JobHandler<P> handler) {
        Registered<?> before = types.putIfAbsent(type.name(), new Registered<>(type, handler, new Semaphore(type.concurrency())));
        if (before != null) throw new IllegalStateException("two job types are named " + type.name());
    }

    /** Deletes finished jobs older than {@link #KEEP_DONE}; the handler of {@link #PURGE_DONE}. */
    public void purgeDone(Job job, NoPayload none) {
        int n = store.deleteDone(clock.millis() - KEEP_DONE.toMillis());
        if (n > 0) log.info("deleted {} finished job(s) older than {}", n, KEEP_DONE);
    }

    /** Keeps one pending job of this type, due `every` after the previous one was scheduled. */
    public void recurring(JobType<NoPayload> type, Duration every) {
        recurring.put(type.name(), new Recurring(type, every));
    }

    /** Enqueues in the caller's transaction; the worker is woken after the caller commits. */
    public <P> long enqueue(Handle h, JobType<P> type, P payload) {
        return enqueueAt(h, type, payload, clock.millis());
    }

    /** Enqueues in the caller's transaction a job that waits until `runAt` (epoch millis) before it runs. */
    public <P> long enqueueAt(Handle h, JobType<P> type, P payload, long runAt) {
        long id = store.insert(h, type, codec.encode(type, payload), runAt, clock.millis());
        wakeAfterCommit(h);
        return id;
    }

    /** Enqueues many jobs of one type in the caller's transaction, in one batch. */
    public <P> void enqueueAll(Handle h, JobType<P> type, List<P> payloads) {
        store.insertAll(h, type, payloads.stream().map(p -> codec.encode(type, p)).toList(), clock.millis(), clock.millis());
        wakeAfterCommit(h);
    }

    /** Woken before the commit, the dispatcher would find nothing and sleep a whole poll. */
    private void wakeAfterCommit(Handle h) {
        if (h.isInTransaction()) h.afterCommit(this::wakeUp);
        else wakeUp();
    }

    public <P> long enqueue(JobType<P> type, P payload) {
        return jdbi.inTransaction(h -> enqueue(h, type, payload));
    }

    public void wakeUp() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void start() {
        long now = clock.millis();
        int recovered = store.recoverStale(singleNode ? now + 1 : now - lease.toMillis(), now);
        if (recovered > 0) log.info("recovered {} job(s) left running by a stopped process", recovered);
        dispatcher = Thread.ofPlatform().name("job-dispatcher").daemon().start(this::dispatchLoop);
    }

    /** True when no job is due, running or deferred for a moment, apart from the given (e.g. recurring) types. */
    public boolean isIdle(Set<String> ignoring) {
        long now = clock.millis();
        List<String> busy = new ArrayList<>(store.busyTypes(now));
        deferred.values().removeIf(d -> d.until() + lease.toMillis() < now); // long due: claimed by another node
        deferred.values().forEach(d -> busy.add(d.type()));
        busy.removeAll(ignoring);
        return busy.isEmpty() && running.isEmpty();
    }

    private void dispatchLoop() {
        long lastBeat = 0;
        long lastMaintenance = 0;
        while (!stopping) {
            try {
                long now = clock.millis();
                if (now - lastBeat > lease.toMillis() / 4) {
                    List<Long> ours = new ArrayList<>(running.keySet());
                    ours.addAll(finished); // ended well, not yet marked: still ours
                    store.heartbeat(ours, now);
                    lastBeat = now;
                }
                if (now - lastMaintenance > lease.toMillis() / 2) {
                    maintain(now);
                    lastMaintenance = now;
                }
                markFinished();
                if (!claimAndStart()) sleep();
            } catch (RuntimeException e) {
                log.error("job dispatcher error (will retry)", e);
                sleep();
            }
        }
    }

    private void maintain(long now) {
        if (!singleNode) store.recoverStale(now - lease.toMillis(), now);
        recurring.forEach((name, rec) -> {
            Registered<?> r = types.get(name);
            if (r != null && !store.hasActive(name)) {
                String none = codec.encode(rec.type(), NoPayload.NONE);
                jdbi.useTransaction(h -> store.insert(h, r.type(), none, now + rec.every().toMillis(), now));
            }
        });
    }

    /**
     * Claims, per type with ready jobs, as many as it has free slots (a batch per query, so fan-outs
     * start fast, and never more than can run: a claimed job that must wait would be claimed twice).
     */
    private boolean claimAndStart() {
        Map<String, Integer> free = new java.util.HashMap<>();
        types.forEach((name, r) -> {
            int n = r.slots().availablePermits();
            if (n > 0) free.put(name, n);
        });
        Map<String, Long> ready = store.readyCounts(free.keySet(), clock.millis());
        boolean started = false;
        for (var e : ready.entrySet()) {
            int limit = (int) Math.min(Math.min(free.get(e.getKey()), e.getValue()), MAX_BATCH);
            for (Job job : store.claim(List.of(e.getKey()), limit, node, clock.millis())) {
                Registered<?> r = types.get(job.type());
                if (!r.slots().tryAcquire()) {
                    store.release(job.id(), clock.millis());
                    continue;
                }
                Thread t = Thread.ofVirtual().name("job-" + job.type() + "-" + job.id()).unstarted(() -> runOne(r, job));
                running.put(job.id(), t);
                deferred.remove(job.id());
                t.start();
                started = true;
            }
        }
        return started;
    }

    private <P> void runOne(Registered<P> r, Job job) {
        P payload = null; // stays null when the payload cannot be read
        try {
            // Per-job lines are debug: a fan-out runs a thousand jobs; failures stay at warn.
            log.debug("job {} #{} started (attempt {}/{})", job.type(), job.id(), job.attempts(), job.maxAttempts());
            payload = codec.decode(r.type(), job);
            r.handler().run(job, payload);
            finished.add(job.id());
            log.debug("job {} #{} done", job.type(), job.id());
        } catch (JobDeferred e) {
            log.debug("job {} #{} deferred by {}: {}", job.type(), job.id(), e.delay(), e.getMessage());
            long now = clock.millis();
            long until = now + e.delay().toMillis();
            deferred.put(job.id(), new Deferral(job.type(), until)); // before the release: once released, it may be claimed again
            try {
                store.defer(job.id(), node, until, now);
            } catch (RuntimeException inner) {
                deferred.remove(job.id());
                // It stays running: recovered when this node's heart-beats stop (several nodes) or on the next start.
                log.error("job {} #{}: deferring it failed", job.type(), job.id(), inner);
            }
        } catch (InterruptedException e) {
            if (stopping) {
                store.release(job.id(), clock.millis());
                log.info("job {} #{} interrupted by shutdown; it will resume after restart", job.type(), job.id());
            } else {
                fail(r, job, payload, e);
            }
        } catch (Exception e) {
            if (stopping && Thread.currentThread().isInterrupted()) {
                store.release(job.id(), clock.millis());
            } else {
                fail(r, job, payload, e);
            }
        } finally {
            running.remove(job.id(), Thread.currentThread()); // a deferred job may already run again on another thread
            r.slots().release();
            wakeUp();
        }
    }

    private void markFinished() {
        List<Long> ids = new ArrayList<>();
        for (Long id = finished.poll(); id != null; id = finished.poll()) ids.add(id);
        if (ids.isEmpty()) return;
        try {
            store.markDone(ids, clock.millis());
        } catch (RuntimeException e) {
            finished.addAll(ids); // marking twice is harmless; forgetting would leave them running
            throw e;
        }
    }

    private <P> void fail(Registered<P> r, Job job, P payload, Exception e) {
        try {
            recordFailure(r, job, payload, e);
        } catch (RuntimeException inner) {
            // The job stays running; the lease recovery puts it back (at the latest on the next start).
            log.error("job {} #{}: recording its failure failed", job.type(), job.id(), inner);
        }
    }

    private <P> void recordFailure(Registered<P> r, Job job, P payload, Exception e) {
        long now = clock.millis();
        String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean permanent = e instanceof PermanentJobFailure;
        if (permanent || job.attempts() >= job.maxAttempts()) {
            log.warn("job {} #{} failed for good after {} attempt(s): {}", job.type(), job.id(), job.attempts(), msg);
            store.markDead(job.id(), msg, now);
            if (payload == null) return; // unreadable: the domain cannot tell what it was about
            try {
                r.handler().onDead(job, payload, e);
            } catch (RuntimeException inner) {
                log.error("job {} #{}: recording its failure failed", job.type(), job.id(), inner);
            }
        } else {
            Duration delay = r.type().backoffAfter(job.attempts());
            log.warn("job {} #{} failed (attempt {}/{}), retry in {}: {}", job.type(), job.id(), job.attempts(), job.maxAttempts(), delay, msg, e);
            store.retryLater(job.id(), msg, now + delay.toMillis(), now);
        }
    }

    private void sleep() {
        lock.lock();
        try {
            wake.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops claiming, interrupts running jobs and puts them back in the queue for the next start. */
    @Override
    public void close() {
        stopping = true;
        wakeUp();
        if (dispatcher != null) {
            try {
                dispatcher.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        running.values().forEach(Thread::interrupt);
        for (Thread t : List.copyOf(running.values())) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            markFinished();
        } catch (RuntimeException e) {
            log.warn("marking finished jobs done at shutdown failed; they will run again: {}", e.toString());
        }
    }
}

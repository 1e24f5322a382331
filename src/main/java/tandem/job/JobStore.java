package tandem.job;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import tandem.db.Dialect;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The SQL of the job table: enqueue, claim, heartbeat, finish, retry, recover. */
public final class JobStore {
    private final Jdbi jdbi;
    private final Dialect dialect;

    public JobStore(Jdbi jdbi, Dialect dialect) {
        this.jdbi = jdbi;
        this.dialect = dialect;
    }

    /** Inserts a job inside the caller's transaction, so it exists only if the caller's change commits. */
    public long insert(Handle h, JobType<?> type, String payload, long runAt, long now) {
        return h.createQuery("""
                INSERT INTO jobs (type, payload, state, priority, attempts, max_attempts, run_at, created_at, updated_at)
                VALUES (:type, :payload, 'pending', :priority, 0, :max, :runAt, :now, :now) RETURNING id""")
                .bind("type", type.name()).bind("payload", payload).bind("priority", type.priority())
                .bind("max", type.maxAttempts()).bind("runAt", runAt).bind("now", now)
                .mapTo(Long.class).one();
    }

    /** Inserts many jobs of one type in the caller's transaction, as one batch (a fan-out's deliveries). */
    public void insertAll(Handle h, JobType<?> type, List<String> payloads, long runAt, long now) {
        if (payloads.isEmpty()) return;
        var batch = h.prepareBatch("INSERT INTO jobs (type, payload, state, priority, attempts, max_attempts, run_at, created_at, updated_at) "
                + "VALUES (:type, :payload, 'pending', :priority, 0, :max, :runAt, :now, :now)");
        for (String p : payloads) {
            batch.bind("type", type.name()).bind("payload", p).bind("priority", type.priority())
                    .bind("max", type.maxAttempts()).bind("runAt", runAt).bind("now", now).add();
        }
        batch.execute();
    }

    /** How many jobs of each of these types are ready now: a read, so an idle queue takes no write lock. */
    public Map<String, Long> readyCounts(Collection<String> types, long now) {
        if (types.isEmpty()) return Map.of();
        return jdbi.withHandle(h -> h.createQuery("SELECT type, COUNT(*) AS n FROM jobs WHERE state = 'pending' AND run_at <= :now AND type IN (<types>) GROUP BY type")
                .bind("now", now).bindList("types", List.copyOf(types))
                .reduceRows(new java.util.HashMap<String, Long>(), (m, rv) -> {
                    m.put(rv.getColumn("type", String.class), rv.getColumn("n", Long.class));
                    return m;
                }));
    }

    /** Atomically takes up to `limit` ready jobs of the given types, most urgent first. */
    public List<Job> claim(Collection<String> types, int limit, String node, long now) {
        if (types.isEmpty() || limit <= 0) return List.of();
        return jdbi.inTransaction(h -> h.createQuery("""
                UPDATE jobs SET state = 'running', locked_by = :node, heartbeat_at = :now, attempts = attempts + 1, updated_at = :now
                WHERE id IN (SELECT id FROM jobs WHERE state = 'pending' AND run_at <= :now AND type IN (<types>)
                             ORDER BY priority, run_at, id LIMIT :limit""" + dialect.skipLocked() + """
                ) AND state = 'pending'
                RETURNING id, type, payload, attempts, max_attempts, priority""")
                .bind("node", node).bind("now", now).bind("limit", limit).bindList("types", List.copyOf(types))
                .map((rs, ctx) -> Map.entry(rs.getInt("priority"), new Job(rs.getLong("id"), rs.getString("type"), rs.getString("payload"),
                        rs.getInt("attempts"), rs.getInt("max_attempts"))))
                .list().stream()
                // RETURNING gives no order: start the most urgent first.
                .sorted(java.util.Comparator.<Map.Entry<Integer, Job>>comparingInt(Map.Entry::getKey).thenComparingLong(e -> e.getValue().id()))
                .map(Map.Entry::getValue).toList());
    }

    public void heartbeat(Collection<Long> ids, long now) {
        if (ids.isEmpty()) return;
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET heartbeat_at = :now WHERE id IN (<ids>) AND state = 'running'")
                .bind("now", now).bindList("ids", List.copyOf(ids)).execute());
    }

    public void markDone(List<Long> ids, long now) {
        // Chunks keep the statement under SQLite's bound-parameter limit.
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET state = 'done', locked_by = NULL, last_error = NULL, updated_at = :now WHERE id IN (<ids>)")
                    .bindList("ids", chunk).bind("now", now).execute());
        }
    }

    /**
     * An error message as the table can hold it: PostgreSQL refuses NUL characters in text, and
     * messages may quote what a remote sent.
     */
    static String storable(String error) {
        if (error == null) return null;
        String s = error.replace("\u0000", "\\0");
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    public void retryLater(long id, String error, long runAt, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET state = 'pending', locked_by = NULL, last_error = :err, run_at = :runAt, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("err", storable(error)).bind("runAt", runAt).bind("now", now).execute());
    }

    public void markDead(long id, String error, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET state = 'dead', locked_by = NULL, last_error = :err, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("err", storable(error)).bind("now", now).execute());
    }

    /** Puts a job a stopping node was running back in the queue without counting the attempt. */
    public void release(long id, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET state = 'pending', locked_by = NULL, attempts = attempts - 1, run_at = :now, updated_at = :now WHERE id = :id AND state = 'running'")
                .bind("id", id).bind("now", now).execute());
    }

    /** Puts a job this node runs back in the queue until `runAt`, the attempt not counted (it did not try). */
    public void defer(long id, String node, long runAt, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE jobs SET state = 'pending', locked_by = NULL, attempts = attempts - 1, run_at = :runAt, updated_at = :now
                        WHERE id = :id AND state = 'running' AND locked_by = :node""")
                .bind("id", id).bind("node", node).bind("runAt", runAt).bind("now", now).execute());
    }

    /** Jobs whose node stopped heart-beating (it crashed) go back to pending; returns how many. */
    public int recoverStale(long staleBefore, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE jobs SET state = 'pending', locked_by = NULL, run_at = :now, updated_at = :now,
                                last_error = 'recovered: the node running it stopped'
                WHERE state = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < :stale)""")
                .bind("stale", staleBefore).bind("now", now).execute());
    }

    /** Deletes finished jobs last touched before the given time; returns how many. */
    public int deleteDone(long before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM jobs WHERE state = 'done' AND updated_at < :before")
                .bind("before", before).execute());
    }

    /** Count of jobs per state, for the admin page and metrics. */
    public Map<String, Long> countByState() {
        return jdbi.withHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state")
                .reduceRows(new java.util.TreeMap<String, Long>(), (m, rv) -> {
                    m.put(rv.getColumn("state", String.class), rv.getColumn("n", Long.class));
                    return m;
                }));
    }

    /** Types of jobs that are due or running: tests wait until this is empty, never on sleeps. */
    public List<String> busyTypes(long now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT type FROM jobs WHERE (state = 'pending' AND run_at <= :now) OR state = 'running'")
                .bind("now", now).mapTo(String.class).list());
    }

    /** Whether a job of this type is waiting or running (recurring jobs keep exactly one). */
    public boolean hasActive(String type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE type = :type AND state IN ('pending', 'running')")
                .bind("type", type).mapTo(Long.class).one()) > 0;
    }

    /** Recent jobs for the admin jobs list, newest first; {@code state} and {@code type} null for all. */
    public List<JobView> list(String state, String type, int start, int count) {
        return jdbi.withHandle(h -> filtered(h.createQuery("SELECT id, type, payload, state, attempts, max_attempts, last_error, created_at, updated_at FROM jobs"
                        + where(state, type) + " ORDER BY id DESC LIMIT :count OFFSET :start"), state, type)
                .bind("count", count).bind("start", start)
                .map((rs, ctx) -> new JobView(rs.getLong("id"), rs.getString("type"), JobView.publicState(rs.getString("state")),
                        rs.getString("payload"), rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getString("last_error"),
                        rs.getLong("created_at"), rs.getLong("updated_at")))
                .list());
    }

    public long count(String state, String type) {
        return jdbi.withHandle(h -> filtered(h.createQuery("SELECT COUNT(*) FROM jobs" + where(state, type)), state, type)
                .mapTo(Long.class).one());
    }

    /** Binds only the filters in use: Jdbi refuses bindings the SQL does not name. */
    private static org.jdbi.v3.core.statement.Query filtered(org.jdbi.v3.core.statement.Query q, String state, String type) {
        if (state != null) q.bind("state", state);
        if (type != null) q.bind("type", type);
        return q;
    }

    private static String where(String state, String type) {
        List<String> c = new java.util.ArrayList<>();
        if (state != null) c.add("state = :state");
        if (type != null) c.add("type = :type");
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }
}

package tandem.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import tandem.core.Config;
import tandem.core.Json;
import tandem.db.Database;
import tandem.db.Dialect;
import tandem.job.JobQueue;
import tandem.job.JobStore;
import tandem.storage.BlobStore;
import tandem.storage.LocalBlobStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What every capability is built on: the data folder and its scratch area, the database, the blob
 * store, the durable job queue, the clock, JSON and the metrics registry.
 */
record Platform(Path data, Path tmp, ObjectMapper mapper, Database db, BlobStore blobs, JobStore jobStore, JobQueue jobs,
                Clock clock, PrometheusMeterRegistry registry) {

    /** Opens the database (migrating it) and empties the scratch area, which only a running process uses. */
    static Platform open(Config config, Clock clock) throws IOException {
        Path data = Files.createDirectories(config.dataDir());
        Path tmp = data.resolve("tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        Database db = Database.open(config.databaseUrl());
        try {
            JobStore jobStore = new JobStore(db.jdbi(), db.dialect());
            JobQueue jobs = new JobQueue(jobStore, db.jdbi(), clock, config.jobLease(), db.dialect() == Dialect.SQLITE);
            return new Platform(data, tmp, Json.newMapper(), db, new LocalBlobStore(data.resolve("storage")), jobStore, jobs, clock,
                    metrics(jobStore));
        } catch (RuntimeException | IOException e) {
            db.close(); // a storage folder that cannot be made must not leave the pool's threads behind
            throw e;
        }
    }

    private static PrometheusMeterRegistry metrics(JobStore jobStore) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        for (String state : List.of("pending", "running", "done", "dead")) {
            Gauge.builder("tandem_jobs", jobStore, s -> s.countByState().getOrDefault(state, 0L))
                    .tag("state", state).description("Jobs in the durable queue by state").register(registry);
        }
        return registry;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}

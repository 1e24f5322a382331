package tandem.mirror.ledger;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.util.List;

/** SQL for `served_bytes`: the counters are only ever added to. */
public final class ServedBytesStore {
    /** Bytes to add to one counter. */
    public record Row(String videoUuid, String originHost, long hourStart, long bytes) {}

    private final Jdbi jdbi;

    public ServedBytesStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Adds every row's bytes to its counter (creating it), all in one transaction. */
    public void add(List<Row> rows) {
        if (rows.isEmpty()) return;
        jdbi.useTransaction(h -> {
            PreparedBatch b = h.prepareBatch("""
                    INSERT INTO served_bytes (video_uuid, origin_host, hour_start, bytes) VALUES (:uuid, :origin, :hour, :bytes)
                    ON CONFLICT (video_uuid, origin_host, hour_start) DO UPDATE SET bytes = served_bytes.bytes + excluded.bytes""");
            for (Row r : rows) {
                b.bind("uuid", r.videoUuid()).bind("origin", r.originHost()).bind("hour", r.hourStart()).bind("bytes", r.bytes()).add();
            }
            b.execute();
        });
    }
}

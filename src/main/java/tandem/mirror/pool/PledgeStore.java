package tandem.mirror.pool;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import tandem.db.Rows;

import java.util.List;
import java.util.Optional;

/** SQL for `pledges`: ours (host = our public host) and those read on peers' instance actors. */
public final class PledgeStore {
    private static final String COLUMNS = """
            host, storage_bytes, egress_bytes_per_month, egress_capacity_bytes_per_month, currency, cost_per_gb_egress,
            cost_per_gb_month_storage, updated_at""";
    private static final RowMapper<Pledge> PLEDGE = (rs, ctx) -> new Pledge(rs.getString("host"), rs.getLong("storage_bytes"),
            rs.getLong("egress_bytes_per_month"), rs.getLong("egress_capacity_bytes_per_month"), rs.getString("currency"),
            Rows.doubleOrNull(rs, "cost_per_gb_egress"), Rows.doubleOrNull(rs, "cost_per_gb_month_storage"), rs.getLong("updated_at"));

    private final Jdbi jdbi;

    public PledgeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Pledge> find(String host) {
        return jdbi.withHandle(h -> find(h, host));
    }

    public Optional<Pledge> find(Handle h, String host) {
        return h.createQuery("SELECT " + COLUMNS + " FROM pledges WHERE host = :host").bind("host", host).map(PLEDGE).findOne();
    }

    public List<Pledge> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pledges ORDER BY host").map(PLEDGE).list());
    }

    public void upsert(Handle h, Pledge p) {
        h.createUpdate("""
                        INSERT INTO pledges (host, storage_bytes, egress_bytes_per_month, egress_capacity_bytes_per_month, currency,
                                             cost_per_gb_egress, cost_per_gb_month_storage, updated_at)
                        VALUES (:host, :storage, :egress, :capacity, :currency, :perEgress, :perStorage, :now)
                        ON CONFLICT (host) DO UPDATE SET storage_bytes = :storage, egress_bytes_per_month = :egress,
                            egress_capacity_bytes_per_month = :capacity, currency = :currency, cost_per_gb_egress = :perEgress,
                            cost_per_gb_month_storage = :perStorage, updated_at = :now""")
                .bind("host", p.host()).bind("storage", p.storageBytes()).bind("egress", p.egressBytesPerMonth())
                .bind("capacity", p.egressCapacityBytesPerMonth()).bind("currency", p.currency())
                .bind("perEgress", p.costPerGBEgress()).bind("perStorage", p.costPerGBMonthStorage()).bind("now", p.updatedAt())
                .execute();
    }

    public boolean delete(Handle h, String host) {
        return h.createUpdate("DELETE FROM pledges WHERE host = :host").bind("host", host).execute() > 0;
    }
}

package tandem.mirror.ledger;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestInstance;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ledger's arithmetic on constructed rows in a real database: what we served for peers, what
 * they served for us (agreed report figures, players' figures where no report), storage averages,
 * money at each side's prices, the fair share, the public summary, and nothing from another month.
 */
class LedgerTest {
    private static final long GB = 1_000_000_000L;
    private static final long H = 3_600_000L;
    private static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    private static final long H0 = DECEMBER.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    private static TestInstance tandem;
    private static Ledger ledger;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        Jdbi jdbi = tandem.app().database().jdbi();
        jdbi.useHandle(h -> {
            long channel = h.createQuery("SELECT MIN(id) FROM channels").mapTo(Long.class).one();
            h.createUpdate("""
                    INSERT INTO videos (uuid, channel_id, name, privacy, state, file_key, is_local, created_at, updated_at)
                    VALUES ('u1', :c, 'ours', 1, 1, 'k1', TRUE, 0, 0)""").bind("c", channel).execute();
            long u1 = h.createQuery("SELECT id FROM videos WHERE uuid = 'u1'").mapTo(Long.class).one();
            served(h, "u1", "a.example", H0, GB);
            served(h, "r1", "b.example", H0, 5 * GB);
            served(h, "r1", "b.example", H0 + 25 * H, 3 * GB);
            served(h, "r2", "c.example", H0, 2 * GB);
            served(h, "r1", "b.example", H0 - H, 99 * GB); // November
            // b reports: agreed (our answer), flagged (the smaller figure), unanswered (the players' figure).
            report(h, "received", "b.example", "u1", H0, 7 * GB / 10, 744 * GB, 7 * GB / 10, null, 1L);
            report(h, "received", "b.example", "u1", H0 + H, 10 * GB, 744 * GB, 4 * GB / 10, "claim far above players", 1L);
            report(h, "received", "b.example", "u1", H0 + 2 * H, 3 * GB / 10, 744 * GB, null, null, null);
            report(h, "sent", "b.example", "r1", H0, 5 * GB, 0, 5 * GB, null, 1L);
            players(h, u1, H0 + 2 * H, "b.example", 25 * GB / 100); // covered by b's report
            players(h, u1, H0 + 3 * H, "c.example", 6 * GB / 10); // c sends no reports: the players' figure
            players(h, u1, H0, "a.example", 5 * GB); // ourselves: not a peer
            held(h, "b.example", H0, 7440 * GB);
            held(h, "b.example", H0 + H, 7440 * GB);
            pledge(h, "a.example", "EUR", 0.01, 0.02);
            pledge(h, "b.example", "EUR", 0.02, null);
            pledge(h, "c.example", "USD", 0.05, 0.05);
        });
        ledger = new Ledger(new LedgerStore(jdbi), Clock.fixed(Instant.ofEpochMilli(H0 + 40 * H), ZoneOffset.UTC), "a.example",
                Set.of("a.example", "a.example:9999"));
    }

    @AfterAll
    static void stop() {
        if (tandem != null) tandem.close();
    }

    @Test
    void peers_days_money_and_fair_share() {
        assertThat(ledger.currentMonth()).isEqualTo(DECEMBER);
        LedgerReport r = ledger.report(DECEMBER);
        assertThat(r.month()).isEqualTo("2026-12");
        assertThat(r.peers()).extracting(LedgerReport.Peer::host).containsExactly("b.example", "c.example");
        LedgerReport.Peer b = r.peers().get(0);
        assertThat(b.servedForThemBytes()).isEqualTo(8 * GB);
        assertThat(b.servedByThemBytes()).isEqualTo(135 * GB / 100); // 0.7 agreed + 0.4 flagged (players) + 0.25 unanswered (players)
        assertThat(b.storageHeldForThemBytes()).isEqualTo(20 * GB); // 2 hours × 7440 GB over 744 hours
        assertThat(b.storageHeldByThemBytes()).isEqualTo(3 * GB);
        assertThat(b.balanceBytes()).isEqualTo(8 * GB - 135 * GB / 100);
        assertThat(b.reports()).isEqualTo(new LedgerReport.Reports(2, 1));
        assertThat(b.money().currency()).isEqualTo("EUR");
        assertThat(b.money().forThem()).isCloseTo(0.01 * 8 + 0.02 * 20, within(1e-9));
        assertThat(b.money().byThem()).isCloseTo(0.02 * 1.35, within(1e-9));
        LedgerReport.Peer c = r.peers().get(1);
        assertThat(c.servedForThemBytes()).isEqualTo(2 * GB);
        assertThat(c.servedByThemBytes()).isEqualTo(6 * GB / 10);
        assertThat(c.money().forThem()).isCloseTo(0.02, within(1e-9));
        assertThat(c.money().byThem()).as("declared in another currency").isNull();

        assertThat(r.days()).containsExactly(
                new LedgerReport.Day("2026-12-01", "b.example", 5 * GB, 135 * GB / 100),
                new LedgerReport.Day("2026-12-01", "c.example", 2 * GB, 6 * GB / 10),
                new LedgerReport.Day("2026-12-02", "b.example", 3 * GB, 0));

        double ours = 0.01 * 11 + 0.02 * 20; // all our egress, and the storage we hold for others
        double theirs = 0.02 * 1.35;
        assertThat(r.pool().currency()).isEqualTo("EUR");
        assertThat(r.pool().totalCost()).isCloseTo(ours + theirs, within(1e-4));
        Map<String, LedgerReport.FairShare> shares = new java.util.HashMap<>();
        r.fairShare().forEach(f -> shares.put(f.host(), f));
        assertThat(shares.keySet()).containsExactlyInAnyOrder("a.example", "b.example", "c.example");
        long delivery = (1 + 8 + 2) * GB + 195 * GB / 100;
        assertThat(shares.get("a.example").ownDeliveryBytes()).isEqualTo(GB + 195 * GB / 100);
        assertThat(shares.get("b.example").ownDeliveryBytes()).isEqualTo(8 * GB);
        assertThat(shares.get("b.example").share()).isCloseTo(8.0 * GB / delivery, within(1e-6));
        assertThat(shares.get("b.example").fairShareCost()).isCloseTo((ours + theirs) * 8 * GB / delivery, within(1e-3));
        assertThat(shares.get("a.example").carriedCost()).isCloseTo(ours, within(1e-4));
        assertThat(shares.get("a.example").balance()).isCloseTo(ours - (ours + theirs) * (GB + 195 * GB / 100) / delivery, within(1e-3));
        assertThat(shares.get("c.example").carriedCost()).as("no price in the pool's currency").isNull();
        assertThat(shares.get("c.example").balance()).isNull();
        assertThat(r.fairShare().stream().mapToDouble(LedgerReport.FairShare::share).sum()).isCloseTo(1, within(1e-5));
    }

    @Test
    void summary_and_another_month() {
        assertThat(ledger.summary(DECEMBER)).isEqualTo(new LedgerReport.Summary("2026-12", "a.example", 10 * GB, 2, 195 * GB / 100, 2));
        LedgerReport november = ledger.report(DECEMBER.minusMonths(1));
        assertThat(november.peers()).extracting(LedgerReport.Peer::servedForThemBytes).containsExactly(99 * GB);
        assertThat(ledger.report(DECEMBER.plusMonths(1)).peers()).isEmpty();
        assertThat(ledger.report(DECEMBER.plusMonths(1)).pool().totalCost()).as("we declared prices and spent nothing").isEqualTo(0.0);
    }

    @Test
    void agreed_figure_of_a_report() {
        assertThat(Ledger.agreed(new LedgerStore.Report("m", 0, 100, 0, 90L, null, 1L, 5))).isEqualTo(90);
        assertThat(Ledger.agreed(new LedgerStore.Report("m", 0, 100, 0, 20L, "inflated", 1L, 5))).isEqualTo(20);
        assertThat(Ledger.agreed(new LedgerStore.Report("m", 0, 100, 0, null, null, null, 30))).isEqualTo(30);
        assertThat(Ledger.agreed(new LedgerStore.Report("m", 0, 10, 0, null, null, null, 30))).isEqualTo(10);
    }

    private static void served(org.jdbi.v3.core.Handle h, String uuid, String origin, long hour, long bytes) {
        h.createUpdate("INSERT INTO served_bytes (video_uuid, origin_host, hour_start, bytes) VALUES (:u, :o, :h, :b)")
                .bind("u", uuid).bind("o", origin).bind("h", hour).bind("b", bytes).execute();
    }

    private static void report(org.jdbi.v3.core.Handle h, String direction, String peer, String uuid, long hour, long claimed, long held,
                               Long origin, String flag, Long answeredAt) {
        h.createUpdate("""
                        INSERT INTO usage_reports (direction, peer_host, video_uuid, hour_start, claimed_bytes, held_bytes, origin_bytes, flag,
                                                   reported_at, answered_at)
                        VALUES (:d, :p, :u, :h, :c, :held, :o, :f, 0, :a)""")
                .bind("d", direction).bind("p", peer).bind("u", uuid).bind("h", hour).bind("c", claimed).bind("held", held)
                .bind("o", origin).bind("f", flag).bind("a", answeredAt).execute();
    }

    private static void players(org.jdbi.v3.core.Handle h, long videoId, long hour, String host, long bytes) {
        h.createUpdate("INSERT INTO video_source_stats (video_id, hour_start, host, bytes, reports) VALUES (:v, :h, :host, :b, 1)")
                .bind("v", videoId).bind("h", hour).bind("host", host).bind("b", bytes).execute();
    }

    private static void held(org.jdbi.v3.core.Handle h, String host, long hour, long bytes) {
        h.createUpdate("INSERT INTO held_bytes (origin_host, hour_start, bytes) VALUES (:o, :h, :b)")
                .bind("o", host).bind("h", hour).bind("b", bytes).execute();
    }

    private static void pledge(org.jdbi.v3.core.Handle h, String host, String currency, Double egress, Double storage) {
        h.createUpdate("""
                        INSERT INTO pledges (host, storage_bytes, egress_bytes_per_month, currency, cost_per_gb_egress, cost_per_gb_month_storage, updated_at)
                        VALUES (:h, 0, 0, :c, :e, :s, 0)""")
                .bind("h", host).bind("c", currency).bind("e", egress).bind("s", storage).execute();
    }
}

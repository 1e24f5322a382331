package tandem.mirror.ledger;

import tandem.mirror.ledger.LedgerReport.Day;
import tandem.mirror.ledger.LedgerReport.FairShare;
import tandem.mirror.ledger.LedgerReport.Money;
import tandem.mirror.ledger.LedgerReport.Peer;
import tandem.mirror.ledger.LedgerReport.Pool;
import tandem.mirror.ledger.LedgerReport.Reports;
import tandem.mirror.ledger.LedgerReport.Summary;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who carried what for whom in a month, from this instance's own records.
 *
 * <ul>
 * <li><b>Served for them</b>: our `served_bytes` whose origin is the peer (our mirrors of its videos).
 * <li><b>Served by them</b>: what the peer, as a mirror of our videos, served for us. Per (video, hour)
 *     it sent a usage report for, the agreed figure ({@link #agreed}); per (video, hour) it did not
 *     report (a PeerTube mirror, a report not yet arrived), what our players said it carried.
 * <li><b>Storage</b>: byte-month averages: bytes held summed over the month's hours, divided by its
 *     hours. Ours from `held_bytes`; theirs from the `heldBytes` of their reports.
 * <li><b>Money</b>: each side's bytes at its own declared prices (GB = 10^9 bytes).
 * </ul>
 *
 * <p>The fair share is computed over the members this ledger names (us and our peers), and from one
 * instance's view only what involves us is known: our own delivery of our videos and what mirrors
 * did for them, but of a peer's videos only what <i>we</i> carried (its own egress and other mirrors'
 * work are invisible here), and of a peer's spending only what it carried for us. Each member's
 * ledger is therefore a partial, honest view; comparing the members' ledgers gives the whole.
 */
public final class Ledger {
    private static final long HOUR = 3_600_000L;
    private static final double GB = 1e9;

    private final LedgerStore store;
    private final Clock clock;
    private final String ownHost;
    private final Set<String> ownHosts;

    /**
     * @param ownHost  our public host, the origin host of our videos in `served_bytes`
     * @param ownHosts every host our players may name for us (the media listener's too), never a peer
     */
    public Ledger(LedgerStore store, Clock clock, String ownHost, Set<String> ownHosts) {
        this.store = store;
        this.clock = clock;
        this.ownHost = ownHost;
        this.ownHosts = Set.copyOf(ownHosts);
    }

    /** The current month, UTC. */
    public YearMonth currentMonth() {
        return YearMonth.from(Instant.ofEpochMilli(clock.millis()).atZone(ZoneOffset.UTC));
    }

    /**
     * A mirror's report, reduced to the figure both sides hold: once we answered it without a flag,
     * our answer (`origin_bytes`: the claim matched what our players saw); otherwise (flagged, or not
     * yet answered) the smaller of the claim and our players' figure, so an inflated claim never
     * counts beyond what someone outside the mirror saw.
     */
    static long agreed(LedgerStore.Report r) {
        if (r.answeredAt() != null && r.flag() == null && r.originBytes() != null) return r.originBytes();
        long players = r.originBytes() != null ? r.originBytes() : r.playersBytes();
        return Math.min(r.claimedBytes(), players);
    }

    public LedgerReport report(YearMonth month) {
        Month m = load(month);
        LedgerStore.Prices ourPrices = m.prices.get(ownHost);
        String currency = ourPrices != null && ourPrices.currency() != null ? ourPrices.currency() : null;
        List<Peer> peers = new ArrayList<>();
        for (String p : m.peers()) {
            LedgerStore.Prices theirs = m.prices.get(p);
            long forThem = sum(m.servedFor, p);
            long byThem = sum(m.servedBy, p);
            long heldFor = m.average(m.heldFor.getOrDefault(p, 0L));
            long heldBy = m.average(m.heldBy.getOrDefault(p, 0L));
            String cur = currency != null ? currency : theirs == null ? null : theirs.currency();
            LedgerStore.Statements st = m.statements.get(p);
            peers.add(new Peer(p, forThem, byThem, heldFor, heldBy, forThem - byThem,
                    new Reports(st == null ? 0 : st.agreed(), st == null ? 0 : st.flagged()),
                    new Money(cost(ourPrices, cur, forThem, heldFor), cost(theirs, cur, byThem, heldBy), cur)));
        }
        String poolCurrency = currency != null ? currency : peers.stream().map(p -> m.prices.get(p.host()))
                .filter(p -> p != null && p.currency() != null).map(LedgerStore.Prices::currency).findFirst().orElse(null);
        List<FairShare> shares = fairShare(m, peers, poolCurrency);
        Map<String, Double> carried = new HashMap<>();
        for (FairShare f : shares) carried.put(f.host(), f.carriedCost());
        Double total = totalCost(carried);
        return new LedgerReport(month.toString(), ownHost, peers, days(m), shares, new Pool(total, total == null ? null : poolCurrency));
    }

    /** The public summary of a month: bytes we carried for others and they for us, and how many hosts each way. */
    public Summary summary(YearMonth month) {
        Month m = load(month);
        long forOthers = 0;
        long byOthers = 0;
        int helped = 0;
        int helpedUs = 0;
        for (String p : m.peers()) {
            long f = sum(m.servedFor, p);
            long b = sum(m.servedBy, p);
            forOthers += f;
            byOthers += b;
            if (f > 0) helped++;
            if (b > 0) helpedUs++;
        }
        return new Summary(month.toString(), ownHost, forOthers, helped, byOthers, helpedUs);
    }

    /** A month's raw figures: per peer and hour what we served for it and it for us; storage in byte-hours. */
    private final class Month {
        final long from;
        final long hours;
        final Map<String, Map<Long, Long>> servedFor = new TreeMap<>();
        final Map<String, Map<Long, Long>> servedBy = new TreeMap<>();
        long ownEgress;
        long allEgress;
        final Map<String, Long> heldFor = new HashMap<>();
        final Map<String, Long> heldBy = new HashMap<>();
        final Map<String, LedgerStore.Statements> statements = new HashMap<>();
        final Map<String, LedgerStore.Prices> prices = new HashMap<>();

        Month(YearMonth month) {
            from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long to = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            hours = (to - from) / HOUR;
        }

        long to() {
            return from + hours * HOUR;
        }

        long average(long byteHours) {
            return byteHours / hours;
        }

        /** Every host we have a figure with, ours excluded, sorted. */
        Set<String> peers() {
            Set<String> all = new TreeSet<>();
            all.addAll(servedFor.keySet());
            all.addAll(servedBy.keySet());
            all.addAll(heldFor.keySet());
            all.addAll(heldBy.keySet());
            all.addAll(statements.keySet());
            all.removeAll(ownHosts);
            return all;
        }
    }

    private Month load(YearMonth month) {
        Month m = new Month(month);
        long from = m.from;
        long to = m.to();
        for (LedgerStore.HourBytes h : store.served(from, to)) {
            m.allEgress += h.bytes();
            if (ownHosts.contains(h.host())) m.ownEgress += h.bytes();
            else add(m.servedFor, h.host(), h.hourStart(), h.bytes());
        }
        for (LedgerStore.Report r : store.received(from, to)) {
            if (ownHosts.contains(r.peer())) continue;
            add(m.servedBy, r.peer(), r.hourStart(), agreed(r));
            m.heldBy.merge(r.peer(), r.heldBytes(), Long::sum);
        }
        for (LedgerStore.HourBytes h : store.playersWithoutReport(from, to)) {
            if (!ownHosts.contains(h.host())) add(m.servedBy, h.host(), h.hourStart(), h.bytes());
        }
        for (LedgerStore.HostBytes h : store.heldForOthers(from, to)) m.heldFor.put(h.host(), h.bytes());
        for (LedgerStore.Statements s : store.statements(from, to)) if (!ownHosts.contains(s.peer())) m.statements.put(s.peer(), s);
        for (LedgerStore.Prices p : store.prices()) m.prices.put(p.host(), p);
        return m;
    }

    private static void add(Map<String, Map<Long, Long>> to, String host, long hour, long bytes) {
        to.computeIfAbsent(host, k -> new TreeMap<>()).merge(hour, bytes, Long::sum);
    }

    private static long sum(Map<String, Map<Long, Long>> perHost, String host) {
        return perHost.getOrDefault(host, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Per peer and UTC day, days with any figure only, by day then host. */
    private static List<Day> days(Month m) {
        Map<String, Map<String, long[]>> byDay = new TreeMap<>();
        for (String p : m.peers()) {
            m.servedFor.getOrDefault(p, Map.of()).forEach((hour, b) -> dayOf(byDay, hour, p)[0] += b);
            m.servedBy.getOrDefault(p, Map.of()).forEach((hour, b) -> dayOf(byDay, hour, p)[1] += b);
        }
        List<Day> out = new ArrayList<>();
        byDay.forEach((day, hosts) -> hosts.forEach((host, b) -> out.add(new Day(day, host, b[0], b[1]))));
        return out;
    }

    private static long[] dayOf(Map<String, Map<String, long[]>> byDay, long hour, String host) {
        String day = LocalDate.ofInstant(Instant.ofEpochMilli(hour), ZoneOffset.UTC).toString();
        return byDay.computeIfAbsent(day, k -> new TreeMap<>()).computeIfAbsent(host, k -> new long[2]);
    }

    /**
     * Bytes at a host's declared prices, in {@code currency}; null when it declared none, or in
     * another currency (we hold no exchange rates). A price left out of a declared pair counts 0.
     */
    static Double cost(LedgerStore.Prices p, String currency, long egressBytes, long heldBytes) {
        if (p == null || p.currency() == null || !p.currency().equals(currency)) return null;
        if (p.perGBEgress() == null && p.perGBMonthStorage() == null) return null;
        double egress = p.perGBEgress() == null ? 0 : p.perGBEgress() * egressBytes / GB;
        double storage = p.perGBMonthStorage() == null ? 0 : p.perGBMonthStorage() * heldBytes / GB;
        return round(egress + storage);
    }

    /**
     * Each member's own delivery and carried cost as far as we know them, in the pool's currency (ours
     * when we declared prices, else the first peer's that did). Us: all our egress and the
     * storage we hold for others at our prices, and the delivery of our videos by us and by every
     * mirror. A peer: what it carried for us at its prices, and the delivery of its videos by us.
     */
    private List<FairShare> fairShare(Month m, List<Peer> peers, String currency) {
        Map<String, Long> delivery = new TreeMap<>();
        Map<String, Double> carried = new HashMap<>();
        long oursByOthers = peers.stream().mapToLong(Peer::servedByThemBytes).sum();
        long heldForAll = peers.stream().mapToLong(Peer::storageHeldForThemBytes).sum();
        delivery.put(ownHost, m.ownEgress + oursByOthers);
        carried.put(ownHost, cost(m.prices.get(ownHost), currency, m.allEgress, heldForAll));
        for (Peer p : peers) {
            delivery.put(p.host(), p.servedForThemBytes());
            carried.put(p.host(), cost(m.prices.get(p.host()), currency, p.servedByThemBytes(), p.storageHeldByThemBytes()));
        }
        long totalDelivery = delivery.values().stream().mapToLong(Long::longValue).sum();
        Double total = totalCost(carried);
        List<FairShare> out = new ArrayList<>();
        delivery.forEach((host, d) -> {
            double share = totalDelivery == 0 ? 0 : (double) d / totalDelivery;
            Double fair = total == null ? null : round(total * share);
            Double spent = carried.get(host);
            out.add(new FairShare(host, d, Math.round(share * 1e6) / 1e6, fair, spent, fair == null || spent == null ? null : round(spent - fair)));
        });
        return out;
    }

    /** The sum of the costs we know, null when we know none. */
    private static Double totalCost(Map<String, Double> carried) {
        Double total = null;
        for (Double c : carried.values()) if (c != null) total = (total == null ? 0 : total) + c;
        return total == null ? null : round(total);
    }

    private static double round(double money) {
        return Math.round(money * 10_000) / 10_000.0;
    }
}

package tandem.mirror.ledger;

import java.util.List;

/** One month of the ledger as this instance sees it: per peer, per peer and day, the fair-share split, the pool's cost. */
public record LedgerReport(String month, String host, List<Peer> peers, List<Day> days, List<FairShare> fairShare, Pool pool) {

    /**
     * What we and one peer carried for each other in the month. Storage figures are byte-month
     * averages (bytes held, averaged over every hour of the month). {@code balanceBytes} =
     * served for them − served by them: positive when we carried more of their egress than they of ours.
     */
    public record Peer(String host, long servedForThemBytes, long servedByThemBytes, long storageHeldForThemBytes, long storageHeldByThemBytes,
                       long balanceBytes, Reports reports, Money money) {}

    /** Bilateral statements with the peer: answered and not flagged, and flagged. */
    public record Reports(long agreed, long flagged) {}

    /** The month's figures in money, each side at its own declared prices; null where a price is not declared. */
    public record Money(Double forThem, Double byThem, String currency) {}

    /** One day (UTC) with one peer. */
    public record Day(String day, String host, long servedForThemBytes, long servedByThemBytes) {}

    /**
     * One pool member's part of the pool's cost: its share of the delivery of the pool's videos
     * ({@code ownDeliveryBytes} / all), that share of the total cost, what it actually spent carrying,
     * and the difference (positive: it carried more than its share). Money null where unknown.
     */
    public record FairShare(String host, long ownDeliveryBytes, double share, Double fairShareCost, Double carriedCost, Double balance) {}

    /** The pool's total carrying cost as far as we know it, in one currency. */
    public record Pool(Double totalCost, String currency) {}

    /** The public summary: what a member can show on its website. */
    public record Summary(String month, String host, long servedForOthersBytes, int hostsHelped, long servedByOthersBytes, int hostsThatHelpedUs) {}
}

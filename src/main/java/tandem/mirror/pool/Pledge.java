package tandem.mirror.pool;

/**
 * What an instance offers to carry for others (its `pledges` row): storage and monthly egress for
 * others' videos, its own monthly egress capacity (0: unknown), and optionally its costs, in
 * {@code currency} per GB (10^9 bytes) of egress and per GB-month stored.
 */
public record Pledge(String host, long storageBytes, long egressBytesPerMonth, long egressCapacityBytesPerMonth,
                     String currency, Double costPerGBEgress, Double costPerGBMonthStorage, long updatedAt) {
    /** Hours in an average month (8760 / 12): monthly figures become hourly ones. */
    public static final long HOURS_PER_MONTH = 730;

    /** Egress offered to others per hour. */
    public long egressBytesPerHour() { return egressBytesPerMonth / HOURS_PER_MONTH; }

    /** Own egress capacity per hour, 0 when unknown. */
    public long capacityBytesPerHour() { return egressCapacityBytesPerMonth / HOURS_PER_MONTH; }
}

package tandem.mirror.pool;

/**
 * Another member of the pool as every member's planner sees it: its pledge, as published on its actor
 * ({@code pledges} row). What it holds comes from the origins' reports ({@link VideoLoad#mirrorHosts()}).
 *
 * @param egressBytesPerHour its egress pledge for others per hour (the monthly pledge spread over the month)
 */
public record PoolMember(String host, long storageBytes, long egressBytesPerHour) {}

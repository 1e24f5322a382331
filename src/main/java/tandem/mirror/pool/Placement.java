package tandem.mirror.pool;

/**
 * One decision of the planner for a video we hold or should hold.
 *
 * @param reason            plain English for the admin page, e.g. "mirroring X for a.example: a.example at
 *                          180 % of capacity, 2 other mirrors"
 * @param savedBytesPerHour origin egress per hour our copy is expected to take off the origin (0 when evicted)
 */
public record Placement(String uuid, String originHost, Action action, String reason, long savedBytesPerHour) {}

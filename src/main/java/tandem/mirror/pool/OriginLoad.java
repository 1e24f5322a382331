package tandem.mirror.pool;

/**
 * An origin of the pool as the planner sees it.
 *
 * @param capacityBytesPerHour the egress the origin can bear per hour; 0 when unknown (a PeerTube
 *                             instance, or a member that declared none): a plain mirror candidate, low priority
 * @param egressBytesPerHour   what the origin itself served per hour recently, all its videos together
 * @param pledges              whether it pledges anything to the pool (help goes to members without one too)
 */
public record OriginLoad(String host, long capacityBytesPerHour, long egressBytesPerHour, boolean pledges) {}

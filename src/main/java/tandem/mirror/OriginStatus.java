package tandem.mirror;

/**
 * Whether a remote video's origin answers, and where it plays from meanwhile: {@code mirrorBase}
 * is the directory of the mirror that stands in for the origin (null while the origin answers or
 * no verified mirror exists), {@code masterName} the origin's master playlist file name in it,
 * and {@code ownHashes} whether we hold our own copy of the origin's segment hashes.
 */
public record OriginStatus(boolean reachable, Long unreachableSince, String mirrorBase, String masterName, boolean ownHashes) {
    /** The host of the mirror we play from, or null. */
    public String playingFrom() {
        return mirrorBase == null ? null : java.net.URI.create(mirrorBase).getAuthority();
    }

    /** The master playlist at the mirror that stands in, or null. */
    public String mirrorMaster() {
        return mirrorBase == null ? null : mirrorBase + "/" + masterName;
    }
}

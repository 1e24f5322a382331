package tandem.p2p;

/** Answers whether this instance serves a swarm; the tracker is private and refuses the others. */
@FunctionalInterface
public interface SwarmDirectory {
    boolean serves(String infoHashHex);
}

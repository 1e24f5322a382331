package tandem.mirror.ledger;

/** Told of every body byte we send of a video's files, with the host of the video's origin (ours for our own videos). */
@FunctionalInterface
public interface ServedBytes {
    void count(String videoUuid, String originHost, long bytes);
}

package tandem.p2p;

/** One peer's WebSocket as the tracker sees it; the HTTP layer adapts its socket to this. */
public interface PeerConnection {
    /** The client address, for bans and rate limits. */
    String ip();

    /** Sends a text frame; must be safe to call from any thread. */
    void send(String json);

    void close();
}

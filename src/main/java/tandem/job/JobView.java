package tandem.job;

/** One job as the admin job list shows it (PeerTube's field names; times in epoch milliseconds). */
public record JobView(long id, String type, String state, String data, int attempts, int maxAttempts,
                      String error, long createdAt, long updatedAt) {

    /** PeerTube's names for our states: what admin clients filter on. */
    public static String publicState(String state) {
        return switch (state) {
            case "running" -> "active";
            case "pending" -> "waiting";
            case "done" -> "completed";
            case "dead" -> "failed";
            default -> state;
        };
    }
}

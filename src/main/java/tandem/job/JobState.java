package tandem.job;

/** Where a job is in its life; `dead` means it ran out of attempts and waits for a human. */
public enum JobState {
    PENDING, RUNNING, DONE, DEAD;

    public String sql() { return name().toLowerCase(java.util.Locale.ROOT); }
}

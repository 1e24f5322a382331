package tandem.job;

import java.time.Duration;

/**
 * Thrown by a handler that cannot run its job yet because something it shares with other jobs is
 * busy (a remote host that already has all the requests it may have from us): the job goes back to
 * the queue for `delay`, its attempt not counted, and frees its slot for jobs that can run now.
 */
public final class JobDeferred extends Exception {
    private final Duration delay;

    public JobDeferred(String reason, Duration delay) {
        super(reason, null, false, false);
        this.delay = delay;
    }

    public Duration delay() {
        return delay;
    }
}

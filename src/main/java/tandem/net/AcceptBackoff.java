package tandem.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * What an accept loop does when accept fails, which it does while the process is out of file
 * descriptors: wait a little (doubling up to a second) and try again, never end the loop. The
 * pending connection stays in the kernel's queue meanwhile, so the loop does not spin, and the log
 * gets one line per streak of failures rather than one per try.
 */
public final class AcceptBackoff {
    private static final Logger log = LoggerFactory.getLogger(AcceptBackoff.class);
    private static final long FIRST_MILLIS = 10;
    private static final long MAX_MILLIS = 1000;

    private final String listener;
    private long wait;
    private long failures;

    public AcceptBackoff(String listener) {
        this.listener = listener;
    }

    /** Sleeps before the next try. */
    public void failed(IOException e) {
        pause(e);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    /** For a selector loop, which cannot sleep: how long to stop accepting. */
    public long pause(IOException e) {
        if (failures++ == 0) log.warn("{} listener: accept failed ({}); pausing and retrying until it works", listener, e.getMessage());
        wait = wait == 0 ? FIRST_MILLIS : Math.min(wait * 2, MAX_MILLIS);
        return wait;
    }

    public void succeeded() {
        if (failures > 0) log.warn("{} listener: accepting again after {} failed tries", listener, failures);
        failures = 0;
        wait = 0;
    }
}

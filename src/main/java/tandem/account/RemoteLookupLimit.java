package tandem.account;

import tandem.core.Problem;
import tandem.core.SlidingWindowLimiter;

import java.time.Clock;
import java.time.Duration;

/**
 * How often one user may have us look something up on another instance (a channel by its handle or
 * URL, a video by its URL): at most 30 times in 10 minutes, channels and videos together, since each
 * lookup costs other servers requests and us stored rows. Searches that answer from what we store
 * take nothing from it.
 */
public final class RemoteLookupLimit {
    static final int LOOKUPS_PER_WINDOW = 30;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private final SlidingWindowLimiter limiter;

    public RemoteLookupLimit(Clock clock) {
        this.limiter = new SlidingWindowLimiter(LOOKUPS_PER_WINDOW, WINDOW, clock);
    }

    /**
     * Counts one lookup of other instances' `what` (`channels`, `videos`) by this user.
     *
     * @throws Problem 429 with a Retry-After when the user has used up their lookups for now
     */
    public void acquire(User user, String what) {
        String key = "remote-lookup:" + user.id();
        if (!limiter.tryAcquire(key)) {
            throw Problem.tooManyRequests("Too many lookups of other instances' " + what + ", please try again later.",
                    limiter.retryAfterSeconds(key));
        }
    }
}

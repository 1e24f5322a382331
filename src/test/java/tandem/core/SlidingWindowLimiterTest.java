package tandem.core;

import org.junit.jupiter.api.Test;
import tandem.testing.TestClock;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter refuses past its budget, gives attempts back on request, and forgets keys whose window has passed. */
class SlidingWindowLimiterTest {
    private final TestClock clock = new TestClock();
    private final SlidingWindowLimiter limiter = new SlidingWindowLimiter(3, Duration.ofMinutes(5), clock);

    @Test
    void a_key_gets_its_budget_back_as_attempts_leave_the_window() {
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.tryAcquire("b")).as("other keys are counted apart").isTrue();
        assertThat(limiter.retryAfterSeconds("a")).isBetween(299L, 300L);
        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void refunded_and_forgotten_attempts_do_not_count() {
        for (int i = 0; i < 3; i++) assertThat(limiter.tryAcquire("a")).isTrue();
        limiter.refund("a");
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();
        limiter.forget("a");
        assertThat(limiter.tryAcquire("a")).isTrue();
    }

    @Test
    void keys_whose_attempts_have_all_expired_are_dropped() {
        for (int i = 0; i < 10_000; i++) limiter.tryAcquire("address-" + i);
        assertThat(limiter.tracked()).isEqualTo(10_000);
        clock.advance(Duration.ofMinutes(5).plusMillis(1));
        limiter.tryAcquire("one more");
        assertThat(limiter.tracked()).isEqualTo(1);
    }
}

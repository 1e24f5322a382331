package tandem.mirror;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRateTest {
    @Test
    void copies_together_stay_under_the_shared_rate() throws Exception {
        CopyRate rate = new CopyRate(1_000_000);
        long t0 = System.nanoTime();
        List<Thread> copies = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            copies.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int k = 0; k < 20; k++) rate.take(64 * 1024);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : copies) t.join();
        double seconds = (System.nanoTime() - t0) / 1e9;
        // 2.6 MB at 1 MB/s with one second of burst: at least 1.6 s.
        assertThat(seconds).isGreaterThan(1.5).isLessThan(4.0);
    }

    @Test
    void zero_means_no_limit() throws Exception {
        long t0 = System.nanoTime();
        new CopyRate(0).take(Long.MAX_VALUE / 2);
        assertThat(System.nanoTime() - t0).isLessThan(100_000_000L);
    }
}
